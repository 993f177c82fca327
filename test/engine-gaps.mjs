// Tests that a driver cannot express in one engine. Each is skipped there, visibly: its title
// gains "[skipped in <engine>: <reason>]", the run's summary lists it, and it still runs in every
// other engine. Nothing is skipped because an engine behaves differently, only because the test
// cannot be driven there; an engine that misbehaves gets a failing test, not an entry here.
//
// Loaded by the browser (web-test-runner.config.mjs wraps mocha's `it` with it before any test file)
// and by the config, which prints the list.

/** @typedef {'chromium' | 'firefox' | 'webkit'} Engine */

/** @type {Array<{ test: string, engines: Engine[], reason: string }>} */
export const gaps = [
  {
    test: 'honours prefers-reduced-motion',
    engines: ['firefox', 'webkit'],
    reason: 'no media-feature emulation (emulateMedia) over WebDriver BiDi or WebDriver classic',
  },
  {
    test: 'forced colours: the dialog keeps a visible edge',
    engines: ['firefox', 'webkit'],
    reason: 'no forced-colors emulation over WebDriver BiDi or WebDriver classic',
  },
  {
    test: 'reflows at 320 px wide',
    engines: ['webkit'],
    reason: "MiniBrowser's window cannot be narrower than 447 px (no setViewport over WebDriver classic)",
  },
  {
    test: 'zoomed in (a 320 × 180 viewport), the heading shows first and the dialog scrolls',
    engines: ['webkit'],
    reason: "MiniBrowser's window cannot be narrower than 447 px (no setViewport over WebDriver classic)",
  },
  {
    test: 'Tab keeps cycling inside the dialog',
    engines: ['webkit'],
    reason: "Shift+Tab sent through WebKitWebDriver reaches the page with key 'Unidentified' (GTK's ISO_Left_Tab), not 'Tab'",
  },
];

/** The engine this browser page runs in, from its user agent (only these three are launched). */
export function currentEngine(userAgent = navigator.userAgent) {
  if (/\bFirefox\//.test(userAgent)) return 'firefox';
  if (/\b(Chrome|Chromium|HeadlessChrome)\//.test(userAgent)) return 'chromium';
  return 'webkit';
}

const labels = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/** The title a test takes where it is skipped. */
export const skippedTitle = (title, engine, reason) => `${title} [skipped in ${labels[engine]}: ${reason}]`;

/**
 * Makes `it(title, fn)` register a pending test with the reason in its title when `title` is listed
 * for `engine`. Mocha's bdd interface assigns `it` onto the global object when it sets up, so the
 * property is a setter that wraps whatever mocha puts there; `it.skip`/`it.only` (assigned onto the
 * wrapper) call back through it.
 */
export function installEngineGaps(engine = currentEngine(), target = globalThis) {
  let wrapped;
  Object.defineProperty(target, 'it', {
    configurable: true,
    get: () => wrapped,
    set(it) {
      wrapped = function (title, fn) {
        const gap = gaps.find((entry) => entry.test === title && entry.engines.includes(engine));
        return gap ? it.call(this, skippedTitle(title, engine, gap.reason)) : it.call(this, title, fn);
      };
    },
  });
}
