/**
 * Fetches the full warning view (`warning-view.ts`), and fetches it afresh after a failure: Chromium
 * and Firefox remember a failed `import()` of a URL for the life of the page, so a retry of the same
 * URL would fail again without asking the network (a deploy that removed the old chunk, a moment
 * offline). Retries ask first the way a bundler rewrote the import (webpack's loader fetches again;
 * WebKit does too), then the same file under a new query beside this module, which is where it sits
 * when the modules are served as built (unbundled, a dev server) and in the drop-in (see {@link setFreshViewUrl}).
 *
 * @module
 */
export type ViewModule = typeof import('./warning-view.js');

/** The view's file beside this module: a variable, so that bundlers do not take it for an asset to copy. */
const VIEW_FILE = './warning-view.js';
let freshUrl = (attempt: number): string => new URL(VIEW_FILE + '?retry=' + attempt, import.meta.url).href;

/** Where fresh copy number `attempt` (1, 2, …) of the view is fetched from: the drop-in's own chunk. */
export function setFreshViewUrl(url: (attempt: number) => string): void {
  freshUrl = url;
}

/** Fresh copies fetched so far on this page (every element's): each retry asks under a new query. */
let fresh = 0;

/**
 * The view: the import as written, else a fresh copy. `freshFirst`: straight to a fresh copy (the
 * warning is due and the import as written may be hanging: the engine would join it).
 */
export function importView(freshFirst = false): Promise<ViewModule> {
  const freshCopy = () => import(/* @vite-ignore */ /* webpackIgnore: true */ freshUrl(++fresh));
  return freshFirst ? freshCopy() : import('./warning-view.js').catch(freshCopy);
}
