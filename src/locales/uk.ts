import { defineLocale } from '../i18n/registry.js';

/**
 * Ukrainian: polite "Ви", in the plain style of Diia. Durations stand after a colon or in
 * parentheses, where Intl's nominative ("1 хвилина", "2 хвилини", "5 хвилин") is correct; after
 * "через" or "після" they would need another case.
 */
export default defineLocale('uk', {
  heading: 'Ви ще тут?',
  warning:
    'Час без активності: {inactive}. Задля безпеки сеанс буде завершено (ліміт бездіяльності: {limit}).',
  absoluteHeading: 'Сеанс скоро завершиться',
  absoluteWarning:
    'Задля безпеки сеанс завершиться о {time}, і його не можна продовжити. Збережіть роботу зараз.',
  unsaved: 'На сторінці є незбережені зміни.',
  timeLeft: 'Залишилося:',
  extend: 'Продовжити сеанс',
  dismiss: 'Зрозуміло',
  logout: 'Вийти зараз',
  expired: 'Сеанс завершено.',
  signInAgain: 'Увійти знову',
  keptHeading: 'Сеанс завершено',
  keptWork:
    'Незбережені зміни приховано до нового входу. Увійдіть у новій вкладці й поверніться сюди, щоб продовжити.',
  leave: 'Вийти без збереження',
  announceIdle: 'До завершення сеансу: {duration}.',
  announceAbsolute: 'Сеанс завершиться о {time}, і його не можна продовжити. Збережіть роботу зараз.',
  stillSignedIn: 'Сеанс продовжено.',
  signedInAgain: 'Ви знову в системі.',
  signingOut: 'Вихід…',
});
