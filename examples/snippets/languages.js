import { defineLocale } from 'session-timeout-element';
defineLocale('de', { extend: 'Weiter angemeldet bleiben' }); // one text changed, the rest of German as shipped
defineLocale('ko', { heading: '아직 계십니까?' /* … */ });
