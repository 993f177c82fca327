/**
 * The element's language (contract §6) and the texts and numbers it shows in it. Words come from the
 * registered locale modules (English built in); durations, digits and clock times from `Intl`, so
 * plural forms and numbering systems are the browser's own (CLDR), never hand-built.
 *
 * @module
 */
import { en, type LocaleTexts, type TextKey } from './texts.js';
import { localeLoader, registeredLocales } from './registry.js';

/** The language an element speaks, and where its texts come from. */
export interface Language {
  /** The page's tag as written (`ar-EG`), for `Intl`; `en` when no locale matched. */
  tag: string;
  /** The matched locale (`ar`), or `null`: English. */
  locale: string | null;
}

/** Own `lang`, else the nearest ancestor's (across shadow roots), else `<html lang>`. */
export function declaredLanguage(element: Element): string | null {
  for (let node: Node | null = element; node; node = (node as ShadowRoot).host ?? node.parentNode) {
    const lang = (node as Element).getAttribute?.('lang');
    if (lang != null) return lang;
  }
  return null;
}

/**
 * BCP 47 lookup of `tag` among `available` (lower case), also through the likely script
 * (`zh-CN` → `zh-hans`, `pt-BR` → `pt`). Throws `RangeError` for a malformed tag.
 */
export function lookup(tag: string, available: (locale: string) => boolean): string | null {
  const candidates = [tag, new Intl.Locale(tag).maximize().toString()];
  for (let candidate of candidates) {
    for (candidate = candidate.toLowerCase(); candidate; candidate = candidate.replace(/-?[^-]*$/, '')) {
      if (available(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * What `tag` resolves to. A shipped locale not yet registered is loaded (once; its registration
 * re-renders every element); meanwhile English. `onProblem` hears of a malformed tag or a failed load.
 */
export function resolveLanguage(tag: string | null, onProblem: (message: string) => void): Language {
  if (tag) {
    try {
      const locale = lookup(tag, (l) => l == 'en' || registeredLocales.has(l));
      if (locale) return { tag, locale: locale == 'en' ? null : locale };
      const loader = localeLoader;
      const shipped = loader && lookup(tag, (l) => loader.shipped.includes(l));
      if (shipped) load(shipped, onProblem);
      else onProblem(`no texts for lang="${tag}"; English is used`);
    } catch {
      onProblem(`lang="${tag}" is not a language tag; English is used`);
    }
  }
  return { tag: 'en', locale: null };
}

const loading = new Set<string>();

function load(locale: string, onProblem: (message: string) => void): void {
  if (loading.has(locale)) return;
  loading.add(locale);
  localeLoader!.load(locale).catch((error) => onProblem(`the "${locale}" texts could not be loaded (${error}); English is used`));
}

/** The text for `key`, and whether it is the English fallback (to be marked `lang="en"`). */
export function text(language: Language, key: TextKey): [string, boolean] {
  const own = language.locale && registeredLocales.get(language.locale)?.[key];
  return own ? [own, false] : [en[key], language.locale != null];
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const made = new Map<string, unknown>();

/**
 * An `Intl` formatter made once per language and options: the warning renders every second, and
 * making a formatter costs far more than using one.
 */
function once<T>(key: string, make: () => T): T {
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as T;
}

/**
 * A duration in words, e.g. "1 minute, 5 seconds", "2 Minuten", "٣٠ ثانية". `units`: the locale's own
 * words, for a browser whose `Intl` lacks the language (it would answer in English).
 */
export function durationInWords(seconds: number, tag: string, units?: LocaleTexts['units']): string {
  const whole = Math.round(seconds);
  const minutes = (whole / 60) | 0;
  const rest = whole % 60;
  const own = units && !Intl.NumberFormat.supportedLocalesOf(tag).length && units;
  const DurationFormat = (Intl as { DurationFormat?: new (tag: string, options: object) => { format(d: object): string } })
    .DurationFormat;
  if (DurationFormat && !own) {
    const display = whole ? 'auto' : 'always';
    return once(`d${tag}${display}`, () => new DurationFormat(tag, { style: 'long', secondsDisplay: display })).format({ minutes, seconds: rest });
  }
  // Older engines: each unit through NumberFormat (or the locale's words), joined as the language joins units.
  const unit = (value: number, unit: 'minute' | 'second') => own
    ? fill(own[unit][once(`p${tag}`, () => new Intl.PluralRules(tag)).select(value)] ?? own[unit].other, { n: String(value) })
    : once(`u${tag}${unit}`, () => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' })).format(value);
  const words = minutes ? [unit(minutes, 'minute')] : [];
  if (rest || !minutes) words.push(unit(rest, 'second'));
  return once(`l${tag}`, () => new Intl.ListFormat(tag, { type: 'unit' })).format(words);
}

/** The countdown `m:ss` in the language's own digits (`ar-EG`: ٠:٣٢). */
export function countdown(seconds: number, tag: string): string {
  const digits = (value: number, minimumIntegerDigits = 1) =>
    once(`n${tag}${minimumIntegerDigits}`, () => new Intl.NumberFormat(tag, { minimumIntegerDigits, useGrouping: false })).format(value);
  return `${digits((seconds / 60) | 0)}:${digits(seconds % 60, 2)}`;
}

/** A clock time (the absolute end), e.g. "14:05", "2:05 PM". */
export function clockTime(at: number, tag: string): string {
  return once(`t${tag}`, () => new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' })).format(at);
}
