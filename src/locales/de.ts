import { defineLocale } from '../locale-registry.js';

/** German. */
export default defineLocale('de', {
  heading: 'Sind Sie noch da?',
});
