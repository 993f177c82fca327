import { defineLocale } from '../i18n/registry.js';

/**
 * French: "vous", gender-neutral phrasing (the session is the subject), French typography (narrow
 * no-break space before "?", no-break space before ":").
 */
export default defineLocale('fr', {
  heading: 'Êtes-vous toujours là ?',
  warning:
    'Aucune activité n’a été détectée depuis {inactive}. Pour votre sécurité, la session sera fermée après {limit} d’inactivité.',
  absoluteHeading: 'Votre session se termine bientôt',
  absoluteWarning:
    'Pour votre sécurité, cette session se termine à {time} et ne peut pas être prolongée. Enregistrez votre travail dès maintenant ; vous pourrez vous reconnecter ensuite.',
  unsaved: 'Cette page contient des modifications non enregistrées.',
  timeLeft: 'Temps restant :',
  extend: 'Continuer la session',
  dismiss: 'J’ai compris',
  logout: 'Se déconnecter maintenant',
  expired: 'Votre session a expiré.',
  signInAgain: 'Se reconnecter',
  keptHeading: 'Votre session a expiré',
  keptWork:
    'Vos modifications non enregistrées sont conservées, masquées jusqu’à votre reconnexion. Reconnectez-vous dans un nouvel onglet, puis revenez ici pour reprendre là où vous en étiez.',
  leave: 'Quitter sans enregistrer',
  announceIdle: 'Votre session sera fermée dans {duration}.',
  announceAbsolute: 'Votre session se termine à {time} et ne peut pas être prolongée. Enregistrez votre travail dès maintenant.',
  stillSignedIn: 'Votre session est prolongée.',
  signedInAgain: 'Votre session est rétablie.',
  signingOut: 'Déconnexion en cours…',
});
