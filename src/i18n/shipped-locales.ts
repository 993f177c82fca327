/**
 * The locale modules this package ships (`src/locales/<tag>.ts`, built to `dist/locales/`), besides
 * the built-in English: the drop-in loads from this list only, and the tests hold the folder to it.
 *
 * @module
 */
export const SHIPPED_LOCALES = ['ar', 'cy', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'sv', 'uk', 'zh-hans'] as const;
