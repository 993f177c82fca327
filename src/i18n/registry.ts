/**
 * The registered locales, shared by every copy of the package on the page (the drop-in and a bundled
 * copy, or locale modules loaded beside the drop-in): they meet in one map on `globalThis`.
 *
 * @module
 */
import type { LocaleTexts } from './texts.js';

/** Texts registered per lower-case BCP 47 tag (`de`, `pt-br`, `zh-hans`). */
export const registeredLocales: Map<string, Partial<LocaleTexts>> = ((globalThis as Record<symbol, Map<string, Partial<LocaleTexts>>>)[
  Symbol.for('session-timeout-element.locales')
] ??= new Map());

/** Fired on `window` after every registration: elements render again. */
export const LOCALE_EVENT = 'session-timeout-locale';

/**
 * Makes `texts` available for language `tag` (BCP 47, any case); a second call for the same tag
 * overrides single texts. Texts left out fall back to English. Every element re-renders.
 *
 * @example
 * defineLocale('de', { extend: 'Angemeldet bleiben' });
 */
export function defineLocale(tag: string, texts: Partial<LocaleTexts>): Partial<LocaleTexts> {
  const key = tag.toLowerCase();
  registeredLocales.set(key, { ...registeredLocales.get(key), ...texts });
  globalThis.dispatchEvent?.(new Event(LOCALE_EVENT));
  return texts;
}

/** The shipped locales and how to load one, when the drop-in set it; `null`: only what was registered. */
export let localeLoader: { shipped: readonly string[]; load: (locale: string) => Promise<unknown> } | null = null;

/**
 * The drop-in's way to fetch a shipped locale module beside it, the first time a page needs it (set
 * here, not in the language module, which only the warning's view loads).
 */
export function setLocaleLoader(shipped: readonly string[], load: (locale: string) => Promise<unknown>): void {
  localeLoader = { shipped, load };
}
