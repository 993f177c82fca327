// The shipped locale modules (issue 13): each gives every text of the English built-in, keeps its
// placeholders, really translates it, registers itself under its file's tag, and stays within the
// 700 B gzip budget once minified.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { registeredLocales } from '../../../src/i18n/registry.js';
import { SHIPPED_LOCALES } from '../../../src/i18n/shipped-locales.js';
import { en, type LocaleTexts, type TextKey } from '../../../src/i18n/texts.js';

const localesDir = new URL('../../../src/locales/', import.meta.url);
const shipped: readonly string[] = SHIPPED_LOCALES;
const keys = Object.keys(en) as TextKey[];
/** Locales that bring their own words for minutes and seconds (`units`), for browsers whose Intl lacks the language. */
const withUnits = ['cy'];

/**
 * Texts a locale may leave equal to English because the language really says it so (a loanword
 * such as "OK"). Listed per locale, so an untranslated text anywhere else fails.
 */
const identicalToEnglish: Record<string, TextKey[]> = {};

/**
 * Languages whose durations need another case after a preposition than Intl's nominative
 * ("po 2 minutach", not "po 2 minuty"): there every duration follows a colon or an opening
 * parenthesis, where the nominative Intl gives is correct.
 */
const nominativeOnly = ['pl', 'uk', 'ar'];
const durationPlaceholders = ['{inactive}', '{limit}', '{duration}'];

const placeholders = (text: string) => (text.match(/\{[^}]*\}/g) ?? []).sort();

/**
 * The module minified as it ships: ES modules are always decoded as UTF-8, so text stays UTF-8
 * (as terser prints it) instead of `\uXXXX` escapes, which add 10–15 % after gzip to Arabic,
 * Cyrillic and CJK texts.
 */
async function gzipSize(file: URL): Promise<number> {
  const result = await build({
    entryPoints: [fileURLToPath(file)],
    minify: true,
    bundle: false,
    write: false,
    format: 'esm',
    charset: 'utf8',
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

describe('shipped locale modules', () => {
  it('ships exactly the promised languages', () => {
    const files = readdirSync(localesDir).filter((name) => name.endsWith('.ts')).map((name) => name.slice(0, -3));
    assert.deepEqual(files.sort(), [...shipped].sort());
  });

  for (const tag of shipped) {
    describe(tag, () => {
      const load = async (): Promise<Partial<LocaleTexts>> =>
        ((await import(new URL(`${tag}.ts`, localesDir).href)) as { default: Partial<LocaleTexts> }).default;

      it('registers its texts under its file name', async () => {
        const texts = await load();
        assert.deepEqual(registeredLocales.get(tag), texts);
      });

      it('gives every English text, non-empty, and nothing else', async () => {
        const texts = await load();
        assert.deepEqual(Object.keys(texts).sort(), [...keys, ...(withUnits.includes(tag) ? ['units'] : [])].sort());
        for (const key of keys) assert.ok(texts[key]?.trim(), `${tag}.${key} is empty`);
      });

      it('keeps every placeholder of the English text', async () => {
        const texts = await load();
        for (const key of keys) assert.deepEqual(placeholders(texts[key]!), placeholders(en[key]), `${tag}.${key}`);
      });

      it('translates every text', async () => {
        const texts = await load();
        const allowed = identicalToEnglish[tag] ?? [];
        for (const key of keys) {
          if (allowed.includes(key)) assert.equal(texts[key], en[key], `${tag}.${key} is listed as identical to English`);
          else assert.notEqual(texts[key]!.trim().toLowerCase(), en[key].trim().toLowerCase(), `${tag}.${key} is English`);
        }
      });

      if (nominativeOnly.includes(tag)) {
        it('puts durations only where the nominative Intl gives is correct', async () => {
          const texts = await load();
          for (const key of keys) {
            for (const placeholder of durationPlaceholders) {
              const at = texts[key]!.indexOf(placeholder);
              if (at === -1) continue;
              assert.match(texts[key]!.slice(0, at), /(: |\()$/, `${tag}.${key}: ${placeholder} after a preposition`);
            }
          }
        });
      }

      it('weighs at most 700 B gzip once minified', async () => {
        const size = await gzipSize(new URL(`${tag}.ts`, localesDir));
        assert.ok(size <= 700, `${tag}: ${size} B gzip`);
      });
    });
  }
});
