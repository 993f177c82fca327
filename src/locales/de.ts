import { defineLocale } from '../i18n/registry.js';

/** German: formal "Sie", as German federal and state online services write. */
export default defineLocale('de', {
  heading: 'Sind Sie noch da?',
  warning: 'Sie waren {inactive} lang nicht aktiv. Aus Sicherheitsgründen werden Sie nach {limit} Inaktivität automatisch abgemeldet.',
  absoluteHeading: 'Ihre Sitzung endet bald',
  absoluteWarning:
    'Aus Sicherheitsgründen endet diese Sitzung um {time} und kann nicht verlängert werden. Speichern Sie jetzt Ihre Eingaben; danach können Sie sich erneut anmelden.',
  unsaved: 'Ihre Änderungen auf dieser Seite sind noch nicht gespeichert.',
  timeLeft: 'Verbleibende Zeit:',
  extend: 'Angemeldet bleiben',
  dismiss: 'Verstanden',
  logout: 'Jetzt abmelden',
  expired: 'Ihre Sitzung ist abgelaufen.',
  signInAgain: 'Erneut anmelden',
  keptHeading: 'Ihre Sitzung ist abgelaufen',
  keptWork:
    'Ihre ungespeicherten Änderungen sind noch da und bleiben verborgen, bis Sie sich erneut anmelden. Melden Sie sich in einem neuen Tab an und kehren Sie dann hierher zurück: Diese Seite macht dort weiter, wo Sie aufgehört haben.',
  leave: 'Ohne Speichern verlassen',
  announceIdle: 'Sie werden in {duration} abgemeldet.',
  announceAbsolute: 'Ihre Sitzung endet um {time} und kann nicht verlängert werden. Speichern Sie jetzt Ihre Eingaben.',
  stillSignedIn: 'Sie sind weiterhin angemeldet.',
  signedInAgain: 'Sie sind wieder angemeldet.',
  signingOut: 'Sie werden abgemeldet …',
});
