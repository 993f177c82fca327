/**
 * Every shipped locale module (src/locales/) in the element: every state without an English
 * leftover, plural forms, right-to-left layout, `lang` changing at runtime, axe in `ar` and `ja`.
 */
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import '../../src/session-timeout-define.js';
import { SessionTimeoutElement } from '../../src/session-timeout.js';
import { defineLocale, registeredLocales } from '../../src/i18n/registry.js';
import { en } from '../../src/i18n/texts.js';
import { SHIPPED_LOCALES } from '../../src/i18n/shipped-locales.js';
import { FakeTime } from './fake-time.js';
import { fakeEndpoint } from './fake-endpoint.js';

const SHIPPED: readonly string[] = SHIPPED_LOCALES;
/** A page tag per locale, as pages write them. */
const PAGE_TAG: Record<string, string> = { 'zh-hans': 'zh-CN', pt: 'pt-BR', ar: 'ar-EG' };

/** A new fake clock for each test, as for a new page (a page remembers the last input it saw on a clock). */
let time = new FakeTime();
class LocaleTimeout extends SessionTimeoutElement {
  static override timing = { now: time.clock, scheduler: time };
  navigations: string[] = [];
  protected override navigate(url: string): void {
    this.navigations.push(url);
  }
  protected override openSignIn(): void {}
}
LocaleTimeout.define('locale-timeout');
/**
 * A new fake clock, as for a new page: an element starts from its page's last input (or the page's
 * load), so each fixture that means to count from its own start gets one.
 */
function newPage() {
  time = new FakeTime();
  LocaleTimeout.timing = { now: time.clock, scheduler: time };
}
const tagName = unsafeStatic('locale-timeout');

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Every English sentence fragment (between placeholders) long enough to be recognised. */
const englishFragments = Object.values(en).flatMap((t) => t.split(/\{\w+\}/)).map((f) => f.trim()).filter((f) => f.length >= 6);

/** What the element shows and speaks: the dialog's and the status region's text. */
const shownText = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('dialog, [role="status"]')].map((n) => n.textContent).join(' ').replace(/\s+/g, ' ');

function expectNoEnglish(el: Element, state: string) {
  const shown = shownText(el);
  const leftovers = englishFragments.filter((fragment) => shown.includes(fragment));
  expect(leftovers, `${state}: English left in "${shown}"`).to.deep.equal([]);
  expect(el.shadowRoot!.querySelector('[lang="en"]'), `${state}: nothing marked as English`).to.equal(null);
}

/** Contrast is measured once the dialog's fade-in is over. */
const fadedIn = (el: Element) => Promise.all((part(el, 'dialog') as HTMLDialogElement).getAnimations().map((a) => a.finished));

let warnings: string[] = [];
const originalWarn = console.warn;

describe('locales', () => {
  before(async () => {
    for (const locale of SHIPPED) await import(`../../src/locales/${locale}.ts`);
  });
  beforeEach(() => {
    newPage();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = originalWarn;
  });

  it('ships the 13 locales besides English', () => {
    expect([...registeredLocales.keys()].filter((k) => SHIPPED.includes(k)).sort()).to.deep.equal([...SHIPPED]);
  });

  for (const locale of SHIPPED) {
    const tag = PAGE_TAG[locale] ?? locale;
    describe(`${locale} (page lang="${tag}")`, () => {
      it('every state speaks it: idle warning with unsaved work, absolute warning, expired, kept work, resumed', async () => {
        // Idle warning, with unsaved work.
        const endpoint = fakeEndpoint();
        const alive = { respond: 'alive', expireAfter: 90, warnAfter: 60, subject: 'alice' };
        await endpoint.script([alive]);
        const page = await fixture<HTMLDivElement>(staticHtml`<div lang=${tag}>
          <input value="">
          <${tagName} ping-url=${endpoint.url} redirect-url="/login" logout-url="/logout"></${tagName}></div>`);
        const el = page.querySelector<LocaleTimeout>('locale-timeout')!;
        time.advance(250);
        await waitUntil(async () => (await endpoint.requests()).length == 1, 'the start-up ping');
        await aTimeout(20);
        page.querySelector('input')!.value = 'typed';
        await endpoint.script([alive]);
        time.advance(60_000);
        await waitUntil(() => el.state == 'warning', 'the idle warning');
        await el.updateComplete;
        expect(part(el, 'dialog')!.getAttribute('lang')).to.equal(tag);
        expect(part(el, 'unsaved'), 'the unsaved-work sentence').to.not.equal(null);
        expectNoEnglish(el, 'idle warning');

        // Kept work at the end, then the same user again.
        await endpoint.script([{ respond: 'expired', reason: 'idle' }]);
        time.advance(30_000);
        await waitUntil(() => el.state == 'expired', 'the end');
        await el.updateComplete;
        expect(part(el, 'sign-in-button')).to.not.equal(null);
        expectNoEnglish(el, 'kept work');
        await endpoint.script([{ ...alive, remaining: 88 }]);
        const resumed = oneEvent(el, 'session-timeout-resume');
        dispatchEvent(new Event('focus'));
        await resumed;
        await el.updateComplete;
        expectNoEnglish(el, 'resumed');
        expect(el.shadowRoot!.querySelector('dialog ~ [role="status"]')!.textContent!.trim()).to.not.equal('');

        // Expired in place (no unsaved work, no redirect), on a page of its own.
        newPage();
        const plain = await fixture<LocaleTimeout>(staticHtml`<${tagName} lang=${tag} warn-after="60" expire-after="90"></${tagName}>`);
        time.advance(90_000);
        await plain.updateComplete;
        expect(plain.state).to.equal('expired');
        expect(part(plain, 'expired')).to.not.equal(null);
        expectNoEnglish(plain, 'expired');
        expect(warnings).to.deep.equal([]);
      });

      it('the absolute warning speaks it, with the clock time as the language writes it', async () => {
        const endpoint = fakeEndpoint();
        const answer = { respond: 'alive', expireAfter: 90, warnAfter: 60 };
        await endpoint.script([{ ...answer, absoluteRemaining: 40 }, { ...answer, absoluteRemaining: 30 }]);
        const el = await fixture<LocaleTimeout>(staticHtml`<${tagName} lang=${tag} ping-url=${endpoint.url}></${tagName}>`);
        time.advance(250);
        await waitUntil(() => el.durations.expireAfter === 90, 'the server’s durations');
        time.advance(10_000);
        await waitUntil(() => el.state === 'warning', 'the absolute warning');
        await el.updateComplete;
        expect(part(el, 'dismiss-button')).to.not.equal(null);
        const endsAt = new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }).format(time.now + 30_000);
        expect(part(el, 'message')!.textContent).to.include(endsAt);
        expectNoEnglish(el, 'absolute warning');
      });
    });
  }

  describe('plural forms come from Intl for the language (1, 2, 5, 21, 22 minutes)', () => {
    for (const tag of ['pl', 'uk', 'ar', 'cy']) {
      it(tag, async () => {
        for (const minutes of [1, 2, 5, 21, 22]) {
          newPage(); // each element on a page of its own, counting from its load
          const el = await fixture<LocaleTimeout>(staticHtml`
            <${tagName} lang=${tag} warn-after=${minutes * 60} expire-after=${minutes * 60 + 60}></${tagName}>`);
          time.advance(minutes * 60_000);
          await el.updateComplete;
          // Welsh: spelt out, since one engine's Intl lacks Welsh and would compare English with English.
          const words = tag == 'cy'
            ? `${minutes} ${minutes == 2 ? 'funud' : 'munud'}`
            : new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
          expect(part(el, 'message')!.textContent, `${tag}, ${minutes}`).to.include(words);
          el.remove();
        }
      });
    }
  });

  it('right to left: the extend button sits at the inline start (right), digits isolated', async () => {
    const page = await fixture<HTMLDivElement>(staticHtml`<div lang="ar-EG" dir="rtl">
      <${tagName} warn-after="60" expire-after="90" logout-url="/logout"></${tagName}></div>`);
    const el = page.querySelector<LocaleTimeout>('locale-timeout')!;
    time.advance(60_000);
    await el.updateComplete;
    const extend = part(el, 'extend-button')!.getBoundingClientRect();
    const logout = part(el, 'logout-button')!.getBoundingClientRect();
    expect(extend.left, 'extend to the right of sign out').to.be.greaterThan(logout.left);
    const countdown = part(el, 'countdown')!;
    expect(countdown.localName, 'isolated from the sentence around it').to.equal('bdi');
    expect(countdown.textContent).to.equal('٠:٣٠');
    await fadedIn(el);
    await expect(el).to.be.accessible();
  });

  it('axe finds nothing in ja', async () => {
    const el = await fixture<LocaleTimeout>(staticHtml`<${tagName} lang="ja" warn-after="60" expire-after="90" logout-url="/logout"></${tagName}>`);
    time.advance(60_000);
    await el.updateComplete;
    await fadedIn(el);
    await expect(el).to.be.accessible();
  });

  it('follows a change of lang at runtime, on the page and on the element', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="de"><locale-timeout warn-after="60" expire-after="90"></locale-timeout></div>`);
    const el = page.querySelector<LocaleTimeout>('locale-timeout')!;
    time.advance(60_000);
    await el.updateComplete;
    const german = part(el, 'heading')!.textContent!.trim();
    expect(german).to.equal(registeredLocales.get('de')!.heading);
    page.lang = 'fr';
    await waitUntil(() => part(el, 'heading')!.textContent!.trim() == registeredLocales.get('fr')!.heading, 'French');
    el.lang = 'sv';
    await waitUntil(() => part(el, 'heading')!.textContent!.trim() == registeredLocales.get('sv')!.heading, 'Swedish');
  });

  it('a registered locale missing a text: English for exactly that text, marked lang="en"; slots still win', async () => {
    defineLocale('xx-partial', { heading: 'Partial heading', warning: 'Partial warning' });
    const el = await fixture<LocaleTimeout>(html`<locale-timeout lang="xx-partial" warn-after="60" expire-after="90">
      <span slot="warning">The app's own words</span></locale-timeout>`);
    time.advance(60_000);
    await el.updateComplete;
    expect(part(el, 'dialog')!.getAttribute('lang')).to.equal('xx-partial');
    expect(part(el, 'heading')!.textContent!.trim()).to.equal('Partial heading');
    expect(part(el, 'heading')!.querySelector('[lang]'), 'its own text is not marked').to.equal(null);
    const extend = part(el, 'extend-button')!.querySelector('[lang="en"]');
    expect(extend?.textContent, 'the missing text, in English, marked').to.equal(en.extend);
    const slot = part(el, 'message')!.querySelector('slot')!;
    expect(slot.assignedNodes().map((node) => node.textContent).join(''), 'the slot wins').to.equal("The app's own words");
    expect(warnings).to.deep.equal([]);
  });

  it('a language without texts: English marked lang="en", one warning', async () => {
    const el = await fixture<LocaleTimeout>(html`<locale-timeout lang="ko" warn-after="60" expire-after="90"></locale-timeout>`);
    time.advance(60_000);
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    expect(part(el, 'dialog')!.getAttribute('lang')).to.equal('en');
    expect(part(el, 'heading')!.textContent!.trim()).to.equal(en.heading);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('lang="ko"');
  });
});
