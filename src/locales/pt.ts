import { defineLocale } from '../i18n/registry.js';

/**
 * Portuguese as CLDR's `pt` means it (Brazil), in the register of gov.br; impersonal where
 * possible, so it also reads well in Portugal.
 */
export default defineLocale('pt', {
  heading: 'Você ainda está aí?',
  warning:
    'Nenhuma atividade registrada há {inactive}. Por segurança, a sessão será encerrada após {limit} de inatividade.',
  absoluteHeading: 'Sua sessão terminará em breve',
  absoluteWarning:
    'Por segurança, esta sessão termina às {time} e não pode ser prorrogada. Salve seu trabalho agora; depois, será possível entrar novamente.',
  unsaved: 'Há alterações não salvas nesta página.',
  timeLeft: 'Tempo restante:',
  extend: 'Manter a sessão ativa',
  dismiss: 'Entendi',
  logout: 'Sair agora',
  expired: 'Sua sessão foi encerrada.',
  signInAgain: 'Entrar novamente',
  keptHeading: 'Sua sessão foi encerrada',
  keptWork:
    'Suas alterações não salvas continuam aqui, ocultas até que você entre novamente. Entre em uma nova aba e depois volte: esta página continuará de onde você parou.',
  leave: 'Sair sem salvar',
  announceIdle: 'A sessão será encerrada em {duration}.',
  announceAbsolute: 'Sua sessão termina às {time} e não pode ser prorrogada. Salve seu trabalho agora.',
  stillSignedIn: 'Sua sessão continua ativa.',
  signedInAgain: 'Você entrou novamente.',
  signingOut: 'Encerrando a sessão…',
});
