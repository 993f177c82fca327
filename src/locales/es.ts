import { defineLocale } from '../i18n/registry.js';

/** Spanish: "usted", as Spanish and Latin American public administrations write. */
export default defineLocale('es', {
  heading: '¿Sigue ahí?',
  warning: 'Lleva {inactive} sin actividad. Por su seguridad, la sesión se cerrará tras {limit} de inactividad.',
  absoluteHeading: 'Su sesión terminará pronto',
  absoluteWarning:
    'Por su seguridad, esta sesión termina a las {time} y no se puede ampliar. Guarde su trabajo ahora; después podrá volver a iniciar sesión.',
  unsaved: 'Hay cambios sin guardar en esta página.',
  timeLeft: 'Tiempo restante:',
  extend: 'Mantener la sesión abierta',
  dismiss: 'Entendido',
  logout: 'Cerrar sesión ahora',
  expired: 'Su sesión ha finalizado.',
  signInAgain: 'Volver a iniciar sesión',
  keptHeading: 'Su sesión ha finalizado',
  keptWork:
    'Sus cambios sin guardar siguen aquí, ocultos hasta que vuelva a iniciar sesión. Inicie sesión en una pestaña nueva y después vuelva: esta página continuará donde la dejó.',
  leave: 'Salir sin guardar',
  announceIdle: 'La sesión se cerrará en {duration}.',
  announceAbsolute: 'Su sesión termina a las {time} y no se puede ampliar. Guarde su trabajo ahora.',
  stillSignedIn: 'Su sesión sigue abierta.',
  signedInAgain: 'Ha vuelto a iniciar sesión.',
  signingOut: 'Cerrando la sesión…',
});
