/**
 * The registered locales, shared by every copy of the package on the page (the drop-in and a bundled
 * copy, or locale modules loaded beside the drop-in): they meet in one map on `globalThis`.
 *
 * @module
 */
import type { LocaleTexts } from './texts.js';

type Registry = { texts: Map<string, Partial<LocaleTexts>>; listeners: Set<() => void> };

const registry: Registry = ((globalThis as Record<symbol, Registry>)[Symbol.for('session-timeout-element.locales')] ??= {
  texts: new Map(),
  listeners: new Set(),
});

/** Texts registered for a lower-case BCP 47 tag (`de`, `pt-br`, `zh-hans`). */
export const registeredLocales: ReadonlyMap<string, Partial<LocaleTexts>> = registry.texts;

/**
 * Makes `texts` available for language `tag` (BCP 47, any case); a second call for the same tag
 * overrides single texts. Texts left out fall back to English. Every element re-renders.
 *
 * @example
 * defineLocale('de', { extend: 'Angemeldet bleiben' });
 */
export function defineLocale(tag: string, texts: Partial<LocaleTexts>): Partial<LocaleTexts> {
  const key = tag.toLowerCase();
  registry.texts.set(key, { ...registry.texts.get(key), ...texts });
  for (const listener of registry.listeners) listener();
  return texts;
}

/** Calls `listener` after every registration; returns the function that stops it. */
export function onLocaleDefined(listener: () => void): () => void {
  registry.listeners.add(listener);
  return () => registry.listeners.delete(listener);
}
