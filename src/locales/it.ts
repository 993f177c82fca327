import { defineLocale } from '../i18n/registry.js';

/** Italian: formal "Lei" or impersonal forms, as Italian public administration writes. */
export default defineLocale('it', {
  heading: 'È ancora lì?',
  warning:
    'Non risultano attività da {inactive}. Per motivi di sicurezza, la sessione verrà chiusa dopo {limit} di inattività.',
  absoluteHeading: 'La sessione sta per scadere',
  absoluteWarning:
    'Per motivi di sicurezza, questa sessione termina alle {time} e non può essere prolungata. Salvi subito il lavoro; in seguito potrà accedere di nuovo.',
  unsaved: 'In questa pagina ci sono modifiche non salvate.',
  timeLeft: 'Tempo rimanente:',
  extend: 'Continua la sessione',
  dismiss: 'Ho capito',
  logout: 'Esci ora',
  expired: 'La sessione è scaduta.',
  signInAgain: 'Accedi di nuovo',
  keptHeading: 'La sessione è scaduta',
  keptWork:
    'Le modifiche non salvate sono ancora qui, nascoste fino al nuovo accesso. Acceda in una nuova scheda e poi torni qui: la pagina riprenderà dal punto in cui l’ha lasciata.',
  leave: 'Esci senza salvare',
  announceIdle: 'La sessione verrà chiusa tra {duration}.',
  announceAbsolute: 'La sessione termina alle {time} e non può essere prolungata. Salvi subito il lavoro.',
  stillSignedIn: 'La sessione resta attiva.',
  signedInAgain: 'Nuovo accesso effettuato.',
  signingOut: 'Uscita in corso…',
});
