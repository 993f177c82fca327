import { defineLocale } from '../i18n/registry.js';

/** Swedish: "du", as Swedish authorities write (Skatteverket, Försäkringskassan). */
export default defineLocale('sv', {
  heading: 'Är du kvar?',
  warning: 'Du har varit inaktiv i {inactive}. Av säkerhetsskäl loggas du ut efter {limit} utan aktivitet.',
  absoluteHeading: 'Din session avslutas snart',
  absoluteWarning:
    'Av säkerhetsskäl avslutas den här sessionen klockan {time} och kan inte förlängas. Spara ditt arbete nu. Du kan logga in igen efteråt.',
  unsaved: 'Du har ändringar på den här sidan som inte är sparade.',
  timeLeft: 'Tid kvar:',
  extend: 'Fortsätt vara inloggad',
  dismiss: 'Jag förstår',
  logout: 'Logga ut nu',
  expired: 'Din session har avslutats.',
  signInAgain: 'Logga in igen',
  keptHeading: 'Din session har avslutats',
  keptWork:
    'Dina osparade ändringar finns kvar, dolda tills du loggar in igen. Logga in i en ny flik och kom sedan tillbaka: sidan fortsätter där du slutade.',
  leave: 'Lämna utan att spara',
  announceIdle: 'Du loggas ut om {duration}.',
  announceAbsolute: 'Din session avslutas klockan {time} och kan inte förlängas. Spara ditt arbete nu.',
  stillSignedIn: 'Du är fortfarande inloggad.',
  signedInAgain: 'Du är inloggad igen.',
  signingOut: 'Du loggas ut…',
});
