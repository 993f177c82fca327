import { defineLocale } from '../i18n/registry.js';

/**
 * Polish: impersonal forms ("należy", "nastąpi"), neutral for Pan and Pani. Durations stand after a
 * colon or in parentheses, where Intl's nominative ("1 minuta", "2 minuty", "5 minut") is correct
 * Polish; after a preposition ("za", "po") it would need another case.
 */
export default defineLocale('pl', {
  heading: 'Czy kontynuować pracę?',
  warning:
    'Czas bez aktywności: {inactive}. Ze względów bezpieczeństwa po osiągnięciu limitu bezczynności ({limit}) nastąpi automatyczne wylogowanie.',
  absoluteHeading: 'Sesja wkrótce się zakończy',
  absoluteWarning:
    'Ze względów bezpieczeństwa sesja zakończy się o godzinie {time} i nie można jej przedłużyć. Należy teraz zapisać swoją pracę; później można zalogować się ponownie.',
  unsaved: 'Na tej stronie są niezapisane zmiany.',
  timeLeft: 'Pozostały czas:',
  extend: 'Przedłuż sesję',
  dismiss: 'Rozumiem',
  logout: 'Wyloguj teraz',
  expired: 'Sesja wygasła.',
  signInAgain: 'Zaloguj się ponownie',
  keptHeading: 'Sesja wygasła',
  keptWork:
    'Niezapisane zmiany nadal tu są, ukryte do ponownego zalogowania. Należy zalogować się w nowej karcie i wrócić tutaj, aby kontynuować pracę.',
  leave: 'Wyjdź bez zapisywania',
  announceIdle: 'Czas do wylogowania: {duration}.',
  announceAbsolute: 'Sesja zakończy się o godzinie {time} i nie można jej przedłużyć. Należy teraz zapisać swoją pracę.',
  stillSignedIn: 'Sesja została przedłużona.',
  signedInAgain: 'Zalogowano ponownie.',
  signingOut: 'Trwa wylogowywanie…',
});
