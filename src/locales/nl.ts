import { defineLocale } from '../i18n/registry.js';

/** Dutch: "u", as Dutch and Flemish government services write. */
export default defineLocale('nl', {
  heading: 'Bent u er nog?',
  warning:
    'U bent al {inactive} niet actief geweest. Voor uw veiligheid wordt u na {limit} zonder activiteit automatisch uitgelogd.',
  absoluteHeading: 'Uw sessie loopt bijna af',
  absoluteWarning:
    'Voor uw veiligheid eindigt deze sessie om {time}; verlengen is niet mogelijk. Sla uw werk nu op. Daarna kunt u opnieuw inloggen.',
  unsaved: 'U hebt wijzigingen op deze pagina die nog niet zijn opgeslagen.',
  timeLeft: 'Resterende tijd:',
  extend: 'Ingelogd blijven',
  dismiss: 'Begrepen',
  logout: 'Nu uitloggen',
  expired: 'Uw sessie is verlopen.',
  signInAgain: 'Opnieuw inloggen',
  keptHeading: 'Uw sessie is verlopen',
  keptWork:
    'Uw wijzigingen die nog niet zijn opgeslagen, zijn er nog. Ze blijven verborgen tot u opnieuw inlogt. Log in op een nieuw tabblad en kom dan terug: deze pagina gaat verder waar u was gebleven.',
  leave: 'Verlaten zonder opslaan',
  announceIdle: 'U wordt over {duration} uitgelogd.',
  announceAbsolute: 'Uw sessie eindigt om {time}; verlengen is niet mogelijk. Sla uw werk nu op.',
  stillSignedIn: 'U bent nog steeds ingelogd.',
  signedInAgain: 'U bent weer ingelogd.',
  signingOut: 'U wordt uitgelogd…',
});
