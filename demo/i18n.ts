/**
 * The demo's own page texts in the languages the element ships (issue 13): the sign-in page, the
 * account page and the signed-out messages. Placeholders: `{duration}`, `{expire}`, `{warn}`,
 * `{interval}`, `{remaining}` are durations in words from `Intl` for the page's language ("2 Minuten");
 * `{name}` is the username. Polish, Ukrainian and Arabic put durations after a colon or in
 * parentheses, where Intl's nominative is correct (after a preposition it would need another case).
 */

import { fill, lookup } from '../src/i18n/language.js';

const en = {
  /** The language's own name, in the language switch. */
  name: 'English',
  /** Label of the language switch. */
  language: 'Language',
  signIn: 'Sign in',
  username: 'Username',
  usernameMissing: 'Please enter a username.',
  signedOutIdle: 'You were signed out after {duration} of inactivity.',
  signedOutAbsolute: 'Your session reached its maximum length. Please sign in again.',
  signedOutClosed: 'Your session ended because its pages were closed.',
  signedOutLogout: 'You signed out, in this tab or another one.',
  signedOutServer: 'The server ended your session (a sign-out elsewhere, or its time ran out). Please sign in again.',
  account: 'Your account',
  hello: 'Hello, {name}',
  signOut: 'Sign out',
  about:
    'This session ends after {expire} without activity; a warning appears {warn} before. Typing below is activity, even though it sends nothing to the server.',
  notes: 'Long client-side work: type here, walk away, and sign in again after the end: it is still here',
  poll: 'Poll status every {interval}',
  pollNote:
    'Polling uses passive requests: they read the session without extending it, so a dashboard left open still signs out when nobody is there.',
  statusIn: 'Signed in; the server ends this session in {remaining} without activity.',
  statusOut: 'Signed out.',
};

export type DemoTexts = typeof en;

/** One object per language, keyed by the lower-case tag the element's locale modules use. */
export const demoTexts = {
  en,
  ar: {
    name: 'العربية',
    language: 'اللغة',
    signIn: 'تسجيل الدخول',
    username: 'اسم المستخدم',
    usernameMissing: 'يُرجى إدخال اسم المستخدم.',
    signedOutIdle: 'تم تسجيل خروجك بسبب عدم النشاط (المدة: {duration}).',
    signedOutAbsolute: 'بلغت جلستك مدتها القصوى. يُرجى تسجيل الدخول مجددًا.',
    signedOutClosed: 'انتهت جلستك لأن صفحاتها أُغلقت.',
    signedOutLogout: 'سجّلت خروجك، في علامة التبويب هذه أو في أخرى.',
    signedOutServer: 'أنهى الخادم جلستك (تسجيل خروج من مكان آخر، أو انتهت مدتها). يُرجى تسجيل الدخول مجددًا.',
    account: 'حسابك',
    hello: 'مرحبًا، {name}',
    signOut: 'تسجيل الخروج',
    about:
      'تنتهي هذه الجلسة بعد فترة من عدم النشاط (المدة: {expire})، ويظهر تحذير حين يتبقى: {warn}. الكتابة أدناه تُعد نشاطًا، مع أنها لا ترسل شيئًا إلى الخادم.',
    notes: 'عمل طويل في المتصفح: اكتب هنا، وابتعد، ثم سجّل الدخول مجددًا بعد انتهاء الجلسة: سيبقى النص هنا',
    poll: 'الاستعلام عن الحالة دوريًا ({interval})',
    pollNote:
      'يستخدم الاستعلام طلبات سلبية: تقرأ الجلسة دون تمديدها، لذا تنتهي جلسة لوحة المعلومات المتروكة مفتوحة حين لا يكون أحد موجودًا.',
    statusIn: 'الجلسة نشطة؛ الوقت المتبقي قبل أن ينهيها الخادم دون نشاط: {remaining}.',
    statusOut: 'تم تسجيل الخروج.',
  },
  cy: {
    name: 'Cymraeg',
    language: 'Iaith',
    signIn: 'Mewngofnodi',
    username: 'Enw defnyddiwr',
    usernameMissing: 'Rhowch enw defnyddiwr.',
    signedOutIdle: 'Rydych wedi cael eich allgofnodi ar ôl {duration} o anweithgarwch.',
    signedOutAbsolute: 'Mae eich sesiwn wedi cyrraedd ei hyd mwyaf. Mewngofnodwch eto.',
    signedOutClosed: 'Daeth eich sesiwn i ben oherwydd i\'w thudalennau gael eu cau.',
    signedOutLogout: 'Rydych wedi allgofnodi, yn y tab hwn neu mewn un arall.',
    signedOutServer: 'Daeth y gweinydd â\'ch sesiwn i ben (allgofnodi yn rhywle arall, neu daeth ei hamser i ben). Mewngofnodwch eto.',
    account: 'Eich cyfrif',
    hello: 'Helo, {name}',
    signOut: 'Allgofnodi',
    about:
      'Mae’r sesiwn hon yn dod i ben ar ôl {expire} heb weithgarwch; mae rhybudd yn ymddangos {warn} cyn hynny. Mae teipio isod yn cyfrif fel gweithgarwch, er nad yw’n anfon dim i’r gweinydd.',
    notes: 'Gwaith hir yn y porwr: teipiwch yma, ewch i ffwrdd, a mewngofnodwch eto ar ôl y diwedd: bydd yma o hyd',
    poll: 'Gwirio’r statws bob {interval}',
    pollNote:
      'Mae’r gwirio yn defnyddio ceisiadau goddefol: maen nhw’n darllen y sesiwn heb ei hymestyn, felly mae dangosfwrdd sy’n cael ei adael ar agor yn dal i allgofnodi pan nad oes neb yno.',
    statusIn: 'Wedi mewngofnodi; heb weithgarwch, bydd y gweinydd yn dod â’r sesiwn hon i ben ymhen {remaining}.',
    statusOut: 'Wedi allgofnodi.',
  },
  de: {
    name: 'Deutsch',
    language: 'Sprache',
    signIn: 'Anmelden',
    username: 'Benutzername',
    usernameMissing: 'Bitte geben Sie einen Benutzernamen ein.',
    signedOutIdle: 'Sie wurden nach {duration} ohne Aktivität abgemeldet.',
    signedOutAbsolute: 'Ihre Sitzung hat ihre maximale Dauer erreicht. Bitte melden Sie sich erneut an.',
    signedOutClosed: 'Ihre Sitzung wurde beendet, weil ihre Seiten geschlossen wurden.',
    signedOutLogout: 'Sie haben sich abgemeldet, in diesem oder einem anderen Tab.',
    signedOutServer: 'Der Server hat Ihre Sitzung beendet (eine Abmeldung an anderer Stelle, oder ihre Zeit ist abgelaufen). Bitte melden Sie sich erneut an.',
    account: 'Ihr Konto',
    hello: 'Hallo, {name}',
    signOut: 'Abmelden',
    about:
      'Diese Sitzung endet nach {expire} ohne Aktivität; {warn} vorher erscheint eine Warnung. Tippen im Feld unten zählt als Aktivität, obwohl dabei nichts an den Server gesendet wird.',
    notes: 'Lange Arbeit im Browser: Tippen Sie hier, gehen Sie weg und melden Sie sich nach dem Ende erneut an – der Text ist noch da',
    poll: 'Status alle {interval} abfragen',
    pollNote:
      'Die Abfrage nutzt passive Anfragen: Sie lesen die Sitzung, ohne sie zu verlängern. So wird auch ein offen gelassenes Dashboard abgemeldet, wenn niemand da ist.',
    statusIn: 'Angemeldet; ohne Aktivität beendet der Server diese Sitzung in {remaining}.',
    statusOut: 'Abgemeldet.',
  },
  es: {
    name: 'Español',
    language: 'Idioma',
    signIn: 'Iniciar sesión',
    username: 'Nombre de usuario',
    usernameMissing: 'Introduzca un nombre de usuario.',
    signedOutIdle: 'Se cerró su sesión tras {duration} de inactividad.',
    signedOutAbsolute: 'Su sesión alcanzó su duración máxima. Vuelva a iniciar sesión.',
    signedOutClosed: 'Su sesión terminó porque se cerraron sus páginas.',
    signedOutLogout: 'Ha cerrado la sesión, en esta pestaña o en otra.',
    signedOutServer: 'El servidor cerró su sesión (un cierre de sesión en otro lugar, o se agotó su tiempo). Vuelva a iniciar sesión.',
    account: 'Su cuenta',
    hello: 'Hola, {name}',
    signOut: 'Cerrar sesión',
    about:
      'Esta sesión termina tras {expire} sin actividad; un aviso aparece {warn} antes. Escribir abajo cuenta como actividad, aunque no se envíe nada al servidor.',
    notes: 'Trabajo largo en el navegador: escriba aquí, aléjese y vuelva a iniciar sesión después del final: el texto seguirá aquí',
    poll: 'Consultar el estado cada {interval}',
    pollNote:
      'La consulta usa peticiones pasivas: leen la sesión sin ampliarla, así que un panel que se deja abierto también cierra la sesión cuando no hay nadie.',
    statusIn: 'Sesión abierta; sin actividad, el servidor la cerrará en {remaining}.',
    statusOut: 'Sesión cerrada.',
  },
  fr: {
    name: 'Français',
    language: 'Langue',
    signIn: 'Se connecter',
    username: 'Nom d’utilisateur',
    usernameMissing: 'Veuillez saisir un nom d’utilisateur.',
    signedOutIdle: 'Votre session a été fermée après {duration} d’inactivité.',
    signedOutAbsolute: 'Votre session a atteint sa durée maximale. Veuillez vous reconnecter.',
    signedOutClosed: 'Votre session a pris fin parce que ses pages ont été fermées.',
    signedOutLogout: 'Vous vous êtes déconnecté, dans cet onglet ou dans un autre.',
    signedOutServer: 'Le serveur a mis fin à votre session (une déconnexion ailleurs, ou son temps est écoulé). Veuillez vous reconnecter.',
    account: 'Votre compte',
    hello: 'Bonjour, {name}',
    signOut: 'Se déconnecter',
    about:
      'Cette session se termine après {expire} sans activité\u202f; un avertissement s’affiche {warn} avant. Saisir du texte ci-dessous compte comme une activité, même si rien n’est envoyé au serveur.',
    notes:
      'Long travail dans le navigateur\u00a0: tapez ici, absentez-vous, puis reconnectez-vous après la fin\u00a0: le texte est toujours là',
    poll: 'Vérifier l’état toutes les {interval}',
    pollNote:
      'La vérification utilise des requêtes passives\u00a0: elles lisent la session sans la prolonger, de sorte qu’un tableau de bord laissé ouvert se déconnecte quand personne n’est là.',
    statusIn: 'Session active\u202f; sans activité, le serveur la ferme dans {remaining}.',
    statusOut: 'Session fermée.',
  },
  it: {
    name: 'Italiano',
    language: 'Lingua',
    signIn: 'Accedi',
    username: 'Nome utente',
    usernameMissing: 'Inserisca un nome utente.',
    signedOutIdle: 'La sessione è stata chiusa dopo {duration} di inattività.',
    signedOutAbsolute: 'La sessione ha raggiunto la durata massima. Acceda di nuovo.',
    signedOutClosed: 'La sessione è terminata perché le sue pagine sono state chiuse.',
    signedOutLogout: 'Ha effettuato la disconnessione, in questa scheda o in un\'altra.',
    signedOutServer: 'Il server ha chiuso la sessione (una disconnessione altrove, o il tempo è scaduto). Acceda di nuovo.',
    account: 'Area personale',
    hello: 'Buongiorno, {name}',
    signOut: 'Esci',
    about:
      'Questa sessione termina dopo {expire} senza attività; un avviso compare {warn} prima. Scrivere qui sotto conta come attività, anche se non viene inviato nulla al server.',
    notes: 'Lavoro lungo nel browser: scriva qui, si allontani e acceda di nuovo dopo la scadenza: il testo sarà ancora qui',
    poll: 'Verifica lo stato ogni {interval}',
    pollNote:
      'La verifica usa richieste passive: leggono la sessione senza prolungarla, quindi anche una dashboard lasciata aperta si chiude quando non c’è nessuno.',
    statusIn: 'Sessione attiva; senza attività, il server la chiuderà tra {remaining}.',
    statusOut: 'Sessione chiusa.',
  },
  ja: {
    name: '日本語',
    language: '言語',
    signIn: 'ログイン',
    username: 'ユーザー名',
    usernameMissing: 'ユーザー名を入力してください。',
    signedOutIdle: '{duration}操作がなかったため、ログアウトしました。',
    signedOutAbsolute: 'セッションが最大時間に達しました。もう一度ログインしてください。',
    signedOutClosed: 'ページが閉じられたため、セッションは終了しました。',
    signedOutLogout: 'このタブまたは別のタブでログアウトしました。',
    signedOutServer: 'サーバーがセッションを終了しました（別の場所でのログアウト、または時間切れ）。もう一度ログインしてください。',
    account: 'アカウント',
    hello: 'こんにちは、{name}さん',
    signOut: 'ログアウト',
    about:
      'このセッションは操作がないまま{expire}経過すると終了し、その{warn}前に警告が表示されます。下の欄への入力は、サーバーに何も送信しなくても操作として扱われます。',
    notes: 'ブラウザーでの長い作業：ここに入力して席を外し、終了後にもう一度ログインしても、入力内容は残っています',
    poll: '{interval}ごとに状態を確認',
    pollNote:
      '確認にはパッシブなリクエストを使います。セッションを延長せずに読み取るだけなので、開いたままのダッシュボードも、誰もいなければログアウトします。',
    statusIn: 'ログイン中です。操作がない場合、サーバーはあと{remaining}でこのセッションを終了します。',
    statusOut: 'ログアウトしました。',
  },
  nl: {
    name: 'Nederlands',
    language: 'Taal',
    signIn: 'Inloggen',
    username: 'Gebruikersnaam',
    usernameMissing: 'Vul een gebruikersnaam in.',
    signedOutIdle: 'U bent uitgelogd na {duration} zonder activiteit.',
    signedOutAbsolute: 'Uw sessie heeft de maximale duur bereikt. Log opnieuw in.',
    signedOutClosed: 'Uw sessie is beëindigd omdat de pagina\'s ervan zijn gesloten.',
    signedOutLogout: 'U bent afgemeld, in dit tabblad of in een ander.',
    signedOutServer: 'De server heeft uw sessie beëindigd (een afmelding elders, of de tijd is verstreken). Log opnieuw in.',
    account: 'Uw account',
    hello: 'Hallo {name}',
    signOut: 'Uitloggen',
    about:
      'Deze sessie eindigt na {expire} zonder activiteit; {warn} daarvoor verschijnt een waarschuwing. Typen hieronder telt als activiteit, ook al wordt er niets naar de server gestuurd.',
    notes: 'Lang werk in de browser: typ hier, loop weg en log na het einde opnieuw in: de tekst staat er nog',
    poll: 'Status elke {interval} opvragen',
    pollNote:
      'Het opvragen gebruikt passieve verzoeken: die lezen de sessie zonder haar te verlengen, dus ook een dashboard dat open blijft staan, logt uit als er niemand is.',
    statusIn: 'Ingelogd; zonder activiteit beëindigt de server deze sessie over {remaining}.',
    statusOut: 'Uitgelogd.',
  },
  pl: {
    name: 'Polski',
    language: 'Język',
    signIn: 'Zaloguj się',
    username: 'Nazwa użytkownika',
    usernameMissing: 'Należy podać nazwę użytkownika.',
    signedOutIdle: 'Nastąpiło wylogowanie z powodu braku aktywności (limit: {duration}).',
    signedOutAbsolute: 'Sesja osiągnęła maksymalny czas trwania. Należy zalogować się ponownie.',
    signedOutClosed: 'Sesja została zakończona, ponieważ jej strony zostały zamknięte.',
    signedOutLogout: 'Wylogowano, w tej lub innej karcie.',
    signedOutServer: 'Serwer zakończył sesję (wylogowanie w innym miejscu lub upłynął jej czas). Należy zalogować się ponownie.',
    account: 'Konto',
    hello: 'Dzień dobry, {name}',
    signOut: 'Wyloguj',
    about:
      'Sesja kończy się po okresie bez aktywności (limit: {expire}); ostrzeżenie pojawia się, gdy do końca zostaje: {warn}. Pisanie poniżej jest aktywnością, choć nic nie jest wysyłane do serwera.',
    notes: 'Długa praca w przeglądarce: wystarczy tu pisać, odejść i zalogować się ponownie po zakończeniu sesji – tekst nadal tu będzie',
    poll: 'Sprawdzaj stan (co {interval})',
    pollNote:
      'Sprawdzanie korzysta z żądań pasywnych: odczytują sesję bez jej przedłużania, więc pozostawiony otwarty panel również zostanie wylogowany, gdy nikogo przy nim nie ma.',
    statusIn: 'Zalogowano; czas do zakończenia sesji przez serwer bez aktywności: {remaining}.',
    statusOut: 'Wylogowano.',
  },
  pt: {
    name: 'Português',
    language: 'Idioma',
    signIn: 'Entrar',
    username: 'Nome de usuário',
    usernameMissing: 'Informe um nome de usuário.',
    signedOutIdle: 'Sua sessão foi encerrada após {duration} de inatividade.',
    signedOutAbsolute: 'Sua sessão atingiu a duração máxima. Entre novamente.',
    signedOutClosed: 'Sua sessão terminou porque as páginas dela foram fechadas.',
    signedOutLogout: 'Você saiu, nesta aba ou em outra.',
    signedOutServer: 'O servidor encerrou sua sessão (uma saída em outro lugar, ou o tempo acabou). Entre novamente.',
    account: 'Sua conta',
    hello: 'Olá, {name}',
    signOut: 'Sair',
    about:
      'Esta sessão termina após {expire} sem atividade; um aviso aparece {warn} antes. Digitar abaixo conta como atividade, mesmo sem enviar nada ao servidor.',
    notes: 'Trabalho longo no navegador: digite aqui, afaste-se e entre novamente depois do fim: o texto continua aqui',
    poll: 'Consultar o status a cada {interval}',
    pollNote:
      'A consulta usa requisições passivas: elas leem a sessão sem prorrogá-la, então um painel deixado aberto também encerra a sessão quando não há ninguém.',
    statusIn: 'Sessão ativa; sem atividade, o servidor a encerra em {remaining}.',
    statusOut: 'Sessão encerrada.',
  },
  sv: {
    name: 'Svenska',
    language: 'Språk',
    signIn: 'Logga in',
    username: 'Användarnamn',
    usernameMissing: 'Ange ett användarnamn.',
    signedOutIdle: 'Du loggades ut efter {duration} utan aktivitet.',
    signedOutAbsolute: 'Din session har nått sin maximala längd. Logga in igen.',
    signedOutClosed: 'Din session avslutades eftersom dess sidor stängdes.',
    signedOutLogout: 'Du har loggat ut, i den här fliken eller i en annan.',
    signedOutServer: 'Servern avslutade din session (en utloggning någon annanstans, eller så tog tiden slut). Logga in igen.',
    account: 'Ditt konto',
    hello: 'Hej {name}',
    signOut: 'Logga ut',
    about:
      'Sessionen avslutas efter {expire} utan aktivitet; en varning visas {warn} innan. Att skriva nedan räknas som aktivitet, även om inget skickas till servern.',
    notes: 'Långt arbete i webbläsaren: skriv här, gå iväg och logga in igen efter slutet: texten finns kvar',
    poll: 'Hämta status regelbundet ({interval})',
    pollNote:
      'Hämtningen använder passiva anrop: de läser sessionen utan att förlänga den, så även en instrumentpanel som lämnas öppen loggas ut när ingen är där.',
    statusIn: 'Inloggad; utan aktivitet avslutar servern sessionen om {remaining}.',
    statusOut: 'Utloggad.',
  },
  uk: {
    name: 'Українська',
    language: 'Мова',
    signIn: 'Увійти',
    username: 'Ім’я користувача',
    usernameMissing: 'Введіть ім’я користувача.',
    signedOutIdle: 'Ви вийшли із системи через бездіяльність (ліміт: {duration}).',
    signedOutAbsolute: 'Сеанс досяг максимальної тривалості. Увійдіть знову.',
    signedOutClosed: 'Ваш сеанс завершено, бо його сторінки було закрито.',
    signedOutLogout: 'Ви вийшли, у цій або іншій вкладці.',
    signedOutServer: 'Сервер завершив ваш сеанс (вихід в іншому місці або сплив його час). Увійдіть знову.',
    account: 'Ваш обліковий запис',
    hello: 'Вітаємо, {name}',
    signOut: 'Вийти',
    about:
      'Сеанс завершується після бездіяльності (ліміт: {expire}); попередження з’являється, коли до кінця залишається: {warn}. Введення тексту нижче вважається активністю, хоча на сервер нічого не надсилається.',
    notes: 'Тривала робота в браузері: введіть тут текст, відійдіть і увійдіть знову після завершення сеансу — текст залишиться',
    poll: 'Перевіряти стан (інтервал: {interval})',
    pollNote:
      'Перевірка використовує пасивні запити: вони читають сеанс, не продовжуючи його, тож залишена відкритою панель теж завершить сеанс, коли нікого немає.',
    statusIn: 'Ви в системі; час до завершення сеансу сервером без активності: {remaining}.',
    statusOut: 'Ви вийшли із системи.',
  },
  'zh-hans': {
    name: '简体中文',
    language: '语言',
    signIn: '登录',
    username: '用户名',
    usernameMissing: '请输入用户名。',
    signedOutIdle: '由于{duration}无操作，您已退出登录。',
    signedOutAbsolute: '您的会话已达到最长时限。请重新登录。',
    signedOutClosed: '您的会话已结束，因为它的页面已关闭。',
    signedOutLogout: '您已在此标签页或其他标签页中退出登录。',
    signedOutServer: '服务器结束了您的会话（在其他地方退出登录，或时间已到）。请重新登录。',
    account: '您的账户',
    hello: '您好，{name}',
    signOut: '退出登录',
    about: '无操作{expire}后，此会话将结束；结束前{warn}会显示提醒。在下方输入内容也算作操作，即使不会向服务器发送任何数据。',
    notes: '浏览器中的长时间工作：在此输入，离开，会话结束后重新登录：内容仍会保留',
    poll: '每{interval}查询一次状态',
    pollNote: '查询使用被动请求：只读取会话而不延长它，因此无人使用时，保持打开的仪表板也会退出登录。',
    statusIn: '已登录；若无操作，服务器将在{remaining}后结束此会话。',
    statusOut: '已退出登录。',
  },
} satisfies Record<string, DemoTexts>;

export type DemoLanguage = keyof typeof demoTexts;

/** The demo's languages: English and every shipped locale. */
export const demoLanguages = Object.keys(demoTexts) as DemoLanguage[];

/** The tag for `<html lang>` and `Intl`, in its usual spelling (`zh-Hans`). */
export function languageTag(language: DemoLanguage): string {
  return language.replace(/-(\w)(\w+)$/, (_, first: string, rest: string) => `-${first.toUpperCase()}${rest}`);
}

/** `rtl` for the right-to-left languages among the demo's. */
export function direction(language: DemoLanguage): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * Accept-Language and `?lang=` values as the demo's languages, by the element's own BCP 47 lookup
 * (through the likely script): `zh`, `zh-CN` and `zh-SG` are `zh-hans`, `zh-TW` and `zh-HK`
 * (Traditional) are not; `de-AT` is `de`. Anything else is left for the detector to refuse.
 */
export function toDemoLanguage(tag: string): string {
  try {
    return lookup(tag, (language) => (demoLanguages as readonly string[]).includes(language)) ?? tag;
  } catch {
    return tag; // not a language tag
  }
}

export { fill };
