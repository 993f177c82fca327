/**
 * The drop-in, `dist/session-timeout.min.js`: everything of `index` with lit bundled, plus the one
 * thing a page with only a script tag cannot do itself: fetch the texts for its language from
 * `locales/` beside this file, the first time an element needs them (a static list, so only our own
 * modules are ever loaded; `import()`, so CSP `script-src 'self'` is enough, no `eval`).
 *
 * @module
 */
import { setLocaleLoader } from './locale-registry.js';
import { SHIPPED_LOCALES } from './shipped-locales.js';

export * from './index.js';

setLocaleLoader(SHIPPED_LOCALES, (locale) => import(`./locales/${locale}.js`));
