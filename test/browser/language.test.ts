import { expect, fixture, html } from '@open-wc/testing';
import {
  clockTime,
  countdown,
  declaredLanguage,
  durationInWords,
  fill,
  lookup,
  resolveLanguage,
  text,
} from '../../src/i18n/language.js';
import { defineLocale, registeredLocales, setLocaleLoader } from '../../src/i18n/registry.js';
import { en } from '../../src/i18n/texts.js';

const Intl_ = Intl as { DurationFormat?: unknown };

/** Runs `body` as in a browser without `Intl.DurationFormat` (Chrome < 129, Safari < 16.4). */
function withoutDurationFormat<T>(body: () => T): T {
  const saved = Intl_.DurationFormat;
  delete Intl_.DurationFormat;
  try {
    return body();
  } finally {
    if (saved) Intl_.DurationFormat = saved;
  }
}

describe('language', () => {
  describe('the declared language (contract §6)', () => {
    it('own lang, else the nearest ancestor, across shadow roots, else <html lang>', async () => {
      const page = await fixture<HTMLDivElement>(html`<div lang="de-AT"><p><span id="inner"></span></p></div>`);
      const inner = page.querySelector('#inner')!;
      expect(declaredLanguage(inner)).to.equal('de-AT');
      inner.setAttribute('lang', 'cy');
      expect(declaredLanguage(inner)).to.equal('cy');

      const host = document.createElement('div');
      host.lang = 'ar-EG';
      page.append(host);
      const deep = document.createElement('span');
      host.attachShadow({ mode: 'open' }).append(deep);
      expect(declaredLanguage(deep), 'through the shadow root to its host').to.equal('ar-EG');

      const loose = document.createElement('span');
      document.body.append(loose);
      const html_ = document.documentElement.getAttribute('lang');
      document.documentElement.lang = 'pl';
      try {
        expect(declaredLanguage(loose)).to.equal('pl');
      } finally {
        if (html_ == null) document.documentElement.removeAttribute('lang');
        else document.documentElement.lang = html_;
        loose.remove();
      }
    });
  });

  describe('BCP 47 lookup', () => {
    const shipped = new Set(['de', 'pt', 'zh-hans', 'ar']);
    const has = (locale: string) => shipped.has(locale);
    for (const [tag, expected] of [
      ['de', 'de'], ['de-AT', 'de'], ['DE-at', 'de'], ['pt-BR', 'pt'], ['ar-EG', 'ar'],
      ['zh-CN', 'zh-hans'], ['zh', 'zh-hans'], ['zh-Hans-SG', 'zh-hans'],
      ['zh-TW', null], ['ko', null],
    ] as const) {
      it(`${tag} → ${expected ?? 'no match'}`, () => expect(lookup(tag, has)).to.equal(expected));
    }
    it('a malformed tag is a RangeError', () => {
      expect(() => lookup('12', has)).to.throw(RangeError);
      expect(() => lookup('x', has)).to.throw(RangeError);
    });
  });

  describe('resolving a language', () => {
    it('a registered locale; English otherwise, with one problem reported for a tag that is not English', () => {
      defineLocale('xx-test', { heading: 'Heading in test language' });
      const problems: string[] = [];
      expect(resolveLanguage('xx-test', (p) => problems.push(p))).to.deep.equal({ tag: 'xx-test', locale: 'xx-test' });
      expect(resolveLanguage('en-GB', (p) => problems.push(p))).to.deep.equal({ tag: 'en-GB', locale: null });
      expect(resolveLanguage(null, (p) => problems.push(p))).to.deep.equal({ tag: 'en', locale: null });
      expect(resolveLanguage('', (p) => problems.push(p))).to.deep.equal({ tag: 'en', locale: null });
      expect(problems, 'English and an absent language are no problem').to.deep.equal([]);
      for (const bad of ['x', '12', 'ko']) {
        expect(resolveLanguage(bad, (p) => problems.push(p))).to.deep.equal({ tag: 'en', locale: null });
      }
      expect(problems).to.have.length(3);
      expect(problems[0]).to.include('lang="x"');
      expect(problems[2]).to.include('no texts for lang="ko"');
    });

    it('a shipped locale not yet registered is loaded once; a failed load is reported and English stays', async () => {
      const loads: string[] = [];
      let fail = false;
      setLocaleLoader(['zz', 'yy'], async (locale) => {
        loads.push(locale);
        if (fail) throw new Error('404');
        defineLocale(locale, { extend: `extend in ${locale}` });
      });
      try {
        const problems: string[] = [];
        expect(resolveLanguage('zz-ZZ', (p) => problems.push(p)).locale, 'English until it arrives').to.equal(null);
        resolveLanguage('zz', (p) => problems.push(p));
        await new Promise((resolve) => setTimeout(resolve));
        expect(loads).to.deep.equal(['zz']);
        expect(resolveLanguage('zz-ZZ', (p) => problems.push(p)).locale).to.equal('zz');
        fail = true;
        resolveLanguage('yy', (p) => problems.push(p));
        await new Promise((resolve) => setTimeout(resolve));
        expect(problems).to.have.length(1);
        expect(problems[0]).to.include('"yy" texts could not be loaded');
        expect(resolveLanguage('yy', () => {}).locale).to.equal(null);
      } finally {
        setLocaleLoader([], () => Promise.resolve());
        registeredLocales.delete('zz');
      }
    });
  });

  describe('texts', () => {
    it('a locale missing a text gives English for exactly that text, marked as the fallback', () => {
      defineLocale('xx-partial', { heading: 'Partial heading' });
      const language = { tag: 'xx-partial', locale: 'xx-partial' };
      expect(text(language, 'heading')).to.deep.equal(['Partial heading', false]);
      expect(text(language, 'extend')).to.deep.equal([en.extend, true]);
      expect(text({ tag: 'en', locale: null }, 'extend'), 'English itself is no fallback').to.deep.equal([en.extend, false]);
    });

    it('defineLocale overrides single texts of a locale', () => {
      defineLocale('xx-over', { heading: 'one', extend: 'two' });
      defineLocale('XX-Over', { extend: 'three' });
      expect(registeredLocales.get('xx-over')).to.deep.equal({ heading: 'one', extend: 'three' });
    });

    it('fills placeholders, leaving unknown ones as written', () => {
      expect(fill('{a} and {b}', { a: '1' })).to.equal('1 and {b}');
    });
  });

  describe('numbers from Intl', () => {
    it('durations in words, with or without Intl.DurationFormat', () => {
      for (const words of [durationInWords, (s: number, t: string) => withoutDurationFormat(() => durationInWords(s, t))]) {
        expect(words(65, 'en')).to.equal('1 minute, 5 seconds');
        expect(words(120, 'en')).to.equal('2 minutes');
        expect(words(30, 'en')).to.equal('30 seconds');
        expect(words(0.2, 'en')).to.equal('0 seconds');
        expect(words(120, 'de')).to.equal('2 Minuten');
      }
    });

    it('plural forms are the language’s own (Polish: 1 minuta, 2 minuty, 5 minut, 21 minut, 22 minuty)', () => {
      const polish = [1, 2, 5, 21, 22].map((n) => durationInWords(n * 60, 'pl'));
      expect(polish).to.deep.equal(['1 minuta', '2 minuty', '5 minut', '21 minut', '22 minuty']);
      for (const tag of ['uk', 'ar', 'cy']) {
        for (const n of [1, 2, 5, 21, 22]) {
          const unit = new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(n);
          expect(durationInWords(n * 60, tag), `${tag} ${n}`).to.equal(unit);
          expect(withoutDurationFormat(() => durationInWords(n * 60, tag)), `${tag} ${n} without DurationFormat`).to.equal(unit);
        }
      }
    });

    it('Welsh in every engine: the locale’s own words where Intl lacks Welsh (Debian’s Chromium), Intl’s elsewhere', async () => {
      const { default: cy } = await import('../../src/locales/cy.js');
      const welsh = [1, 2, 5, 21, 22].map((n) => durationInWords(n * 60, 'cy', cy.units));
      expect(welsh).to.deep.equal(['1 munud', '2 funud', '5 munud', '21 munud', '22 munud']);
      expect(durationInWords(2, 'cy', cy.units)).to.equal('2 eiliad');
      expect(durationInWords(120, 'de', cy.units), 'a language Intl has keeps Intl’s words').to.equal('2 Minuten');
    });

    it('the countdown in the language’s digits: ar-EG shows Arabic-Indic digits', () => {
      expect(countdown(32, 'en')).to.equal('0:32');
      expect(countdown(605, 'de')).to.equal('10:05');
      expect(countdown(32, 'ar-EG')).to.equal('٠:٣٢');
    });

    it('the clock time as the language writes it', () => {
      const at = new Date(2026, 11, 2, 14, 5).getTime();
      expect(clockTime(at, 'de')).to.equal('14:05');
      expect(clockTime(at, 'en-US')).to.match(/^2:05\s?PM$/);
    });
  });
});
