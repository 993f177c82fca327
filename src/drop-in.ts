/**
 * The drop-in, `dist/session-timeout.min.js`: everything of `index` with lit bundled, plus the one
 * thing a page with only a script tag cannot do itself: fetch the texts for its language from
 * `locales/` beside this file, the first time an element needs them (a static list, so only our own
 * modules are ever loaded; `import()`, so CSP `script-src 'self'` is enough, no `eval`).
 *
 * @module
 */
import { setLocaleLoader } from './i18n/registry.js';
import { SHIPPED_LOCALES } from './i18n/shipped-locales.js';
import { setFreshViewUrl } from './element/view-loader.js';

export * from './index.js';

setLocaleLoader(SHIPPED_LOCALES, (locale) => import(`./locales/${locale}.js`));
// A fresh copy of the view after a failed fetch: its chunk by the unhashed name the build gives it.
setFreshViewUrl((attempt) => new URL('./drop-in/warning-view.js?retry=' + attempt, import.meta.url).href);
