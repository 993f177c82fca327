/**
 * The drop-in, `dist/session-timeout.min.js`: everything of `index` with lit bundled, plus the one
 * thing a page with only a script tag cannot do itself: fetch the texts for its language from
 * `locales/` beside this file, the first time an element needs them (a static list, so only our own
 * modules are ever loaded; `import()`, so CSP `script-src 'self'` is enough, no `eval`).
 *
 * @module
 */
import { setLocaleLoader } from './language.js';

export * from './index.js';

/** The locale modules built to `dist/locales/`: keep in step with `src/locales/`. */
export const SHIPPED_LOCALES = ['ar', 'cy', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'sv', 'uk', 'zh-hans'];

setLocaleLoader(SHIPPED_LOCALES, (locale) => import(`./locales/${locale}.js`));
