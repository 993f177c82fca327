import { aTimeout, expect, fixture, html, oneEvent as anyEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/session-timeout-define.js';
import { SessionTimeoutElement } from '../../src/session-timeout.js';
import { SessionTimeoutLeaderEvent, SessionTimeoutPingEvent, SessionTimeoutTickEvent } from '../../src/element/events.js';
import { notePageInput } from '../../src/browser/activity.js';
import { FakeTime } from './fake-time.js';
import { fakeEndpoint } from './fake-endpoint.js';
import { defineLocale, setLocaleLoader } from '../../src/i18n/registry.js';

/** `oneEvent`, typed from the element's event map. */
const oneEvent = <K extends keyof HTMLElementEventMap>(el: EventTarget, type: K) =>
  anyEvent(el, type) as unknown as Promise<HTMLElementEventMap[K]>;

/** Records navigations instead of leaving the test page. */
class NavigatingTimeout extends SessionTimeoutElement {
  navigations: string[] = [];
  protected override navigate(url: string): void {
    this.navigations.push(url);
  }
}
NavigatingTimeout.define('navigating-timeout');

/**
 * Runs on a fake clock, for what takes real minutes (the spoken announcements). A new clock for each
 * test, as for a new page: a page remembers the last input it saw on a clock.
 */
let time = new FakeTime();
/** A new fake clock, as for a new page. */
function newPage() {
  time = new FakeTime();
  FakeTimeTimeout.timing = KeepingTimeout.timing = { now: time.clock, scheduler: time };
}
class FakeTimeTimeout extends SessionTimeoutElement {
  static override timing = { now: time.clock, scheduler: time };
}
FakeTimeTimeout.define('fake-time-timeout');

/** On the fake clock, and records where it would go instead of going there. */
class KeepingTimeout extends SessionTimeoutElement {
  static override timing = { now: time.clock, scheduler: time };
  navigations: string[] = [];
  signIns: string[] = [];
  protected override navigate(url: string): void {
    this.navigations.push(url);
  }
  protected override openSignIn(url: string): void {
    this.signIns.push(url);
  }
}
KeepingTimeout.define('keeping-timeout');

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const dialogOf = (el: Element) => part(el, 'dialog') as HTMLDialogElement;
const focusedPart = (el: Element) => el.shadowRoot!.activeElement?.getAttribute('part');
/** The full view, fetched at the first idle moment after start (the element asks for one within 2 s). */
const fullView = (el: Element) => waitUntil(() => el.shadowRoot!.querySelector('dialog:not(#fallback)'), 'no full view', { timeout: 3000 });

/** Captures console.warn for one test (restored in afterEach). */
let warnings: string[] = [];
const originalWarn = console.warn;

describe('<session-timeout>', () => {
  beforeEach(() => {
    newPage();
    // The elements on the real clock start from the page's last input: each test's is now.
    notePageInput();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(async () => {
    console.warn = originalWarn;
    document.documentElement.style.visibility = ''; // a page that left was hidden first
    await emulateMedia({ reducedMotion: 'no-preference' });
    await executeServerCommand('emulate-forced-colors', { active: false });
    await setViewport({ width: 800, height: 600 });
  });

  describe('attributes and properties', () => {
    it('has the documented defaults', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout></session-timeout>`);
      expect(el).to.be.instanceOf(SessionTimeoutElement);
      expect(el.warnAfter).to.equal(540);
      expect(el.expireAfter).to.equal(600);
      expect(el.pingUrl).to.equal(null);
      expect(el.redirectUrl).to.equal(null);
      expect(el.logoutUrl).to.equal(null);
      expect(el.pingInterval).to.equal(null);
      expect(el.channel).to.equal(null);
      expect(el.extendOnActivity).to.equal(false);
      expect(el.disabled).to.equal(false);
      expect(el.state).to.equal('active');
      expect(el.remaining).to.be.closeTo(600, 1);
      expect(warnings).to.deep.equal([]);
    });

    it('reads every attribute into its property', async () => {
      const el = await fixture<SessionTimeoutElement>(html`
        <session-timeout warn-after="840" expire-after="900" ping-url="/session/ping" redirect-url="/login?reason=idle"
          logout-url="/logout" ping-interval="30" channel="app" extend-on-activity disabled></session-timeout>`);
      expect(el.warnAfter).to.equal(840);
      expect(el.expireAfter).to.equal(900);
      expect(el.pingUrl).to.equal('/session/ping');
      expect(el.redirectUrl).to.equal('/login?reason=idle');
      expect(el.logoutUrl).to.equal('/logout');
      expect(el.pingInterval).to.equal(30);
      expect(el.channel).to.equal('app');
      expect(el.extendOnActivity).to.equal(true);
      expect(el.disabled).to.equal(true);
    });

    it('reacts to attribute changes and reflects disabled', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout></session-timeout>`);
      el.setAttribute('expire-after', '120');
      expect(el.expireAfter).to.equal(120);
      expect(el.warnAfter, 'the default warning is 60 s before a custom limit').to.equal(60);
      el.disabled = true;
      await el.updateComplete;
      expect(el.hasAttribute('disabled')).to.equal(true);
      expect(warnings).to.deep.equal([]);
    });

    it('activity-events: only the listed input counts; activityTarget: only input inside it', async () => {
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout warn-after="60" expire-after="90" activity-events="keydown, wheel"></fake-time-timeout>`);
      expect(el.activityEvents).to.deep.equal(['keydown', 'wheel']);
      time.advance(30_000);
      await sendMouse({ type: 'click', position: [5, 5] });
      time.advance(30_000);
      expect(el.state, 'a click is not activity on this page').to.equal('warning');
      el.extend();
      const panel = await fixture<HTMLDivElement>(html`<div><input></div>`);
      el.activityTarget = panel;
      await el.updateComplete;
      time.advance(30_000);
      panel.querySelector('input')!.focus();
      await sendKeys({ press: 'Shift' });
      time.advance(30_000);
      expect(el.state, 'typing inside the target is').to.equal('active');
      el.remove();
    });

    it('a read-only state and remaining', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout></session-timeout>`);
      expect(() => ((el as unknown as { state: string }).state = 'expired')).to.throw();
      expect(el.state).to.equal('active');
      expect(() => ((el as unknown as { remaining: number }).remaining = 1)).to.throw();
      expect(el.remaining).to.be.closeTo(600, 1);
    });
  });

  describe('bad configuration', () => {
    for (const [attributes, named, fallback] of [
      ['warn-after="soon"', 'warn-after="soon" is not a number of seconds; using 540', { warnAfter: 540 }],
      ['expire-after="-5"', 'expire-after="-5" must be more than 0 seconds; using 600', { expireAfter: 600 }],
      ['expire-after="0"', 'expire-after="0" must be more than 0 seconds', { expireAfter: 600 }],
      ['warn-after="900" expire-after="600"', 'warn-after="900" must be below expire-after (600); using 540', { warnAfter: 540 }],
      ['warn-after="30s"', 'warn-after="30s": durations are plain seconds without a unit: warn-after="30"', { warnAfter: 540 }],
      ['expire-after="15min"', 'expire-after="15min": durations are plain seconds without a unit: expire-after="900"', { expireAfter: 600 }],
    ] as const) {
      it(`${attributes}: one console warning naming the attribute, then the documented fallback`, async () => {
        const container = await fixture<HTMLDivElement>(html`<div></div>`);
        container.innerHTML = `<session-timeout ${attributes}></session-timeout>`;
        const el = container.firstElementChild as SessionTimeoutElement;
        await el.updateComplete;
        el.requestUpdate();
        await el.updateComplete;
        // The messages load on demand (only a page with a bad value pays for them).
        await waitUntil(() => warnings.length > 0, 'no console warning');
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.include(named);
        expect(el).to.include(fallback);
        expect(el.state).to.equal('active');
      });
    }

    it('warns when the warning leaves fewer than 20 s to respond (WCAG 2.2.1)', async () => {
      await fixture(html`<session-timeout warn-after="50" expire-after="60"></session-timeout>`);
      await waitUntil(() => warnings.length > 0, 'no console warning');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('WCAG 2.2.1');
    });
  });

  describe('what a page downloads', () => {
    it('fetches the full view at the first idle moment after start, not when the warning is due (issue 20)', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="600" expire-after="900"></fake-time-timeout>`);
      await fullView(el);
      expect(el.shadowRoot!.querySelectorAll('dialog'), 'the full view alone, closed').to.have.length(1);
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
      expect(el.state).to.equal('active');
    });
  });

  describe('the warning', () => {
    it('opens at warn-after as an accessible modal alert dialog, focus on the extend button', async () => {
      // On the fake clock: on a real 0.2 s warn-after a loaded machine opened the warning before the
      // test could listen for it.
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="120"></fake-time-timeout>`);
      await fullView(el);
      const event = oneEvent(el, 'session-timeout-warn');
      time.advance(59_999);
      await el.updateComplete;
      expect(el.state).to.equal('active');
      expect(dialogOf(el)?.open ?? false).to.equal(false);
      time.advance(1);
      expect((await event).remaining).to.equal(60);
      await el.updateComplete;

      const dialog = dialogOf(el);
      expect(el.state).to.equal('warning');
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      expect(dialog.getAttribute('role')).to.equal('alertdialog');
      for (const id of [dialog.getAttribute('aria-labelledby')!, ...dialog.getAttribute('aria-describedby')!.split(' ')]) {
        expect(el.shadowRoot!.getElementById(id), `#${id} inside the shadow root`).to.exist;
      }
      expect(part(el, 'message')!.textContent).to.match(/inactive for 1 minute\..*signed out\s+after 2 minutes of inactivity/s);
      expect(focusedPart(el)).to.equal('extend-button');
      expect(part(el, 'countdown')!.textContent).to.equal('1:00');
      expect(part(el, 'countdown')!.getAttribute('aria-live'), 'the countdown is not a live region').to.equal(null);
      await Promise.all(dialogOf(el).getAnimations().map((animation) => animation.finished)); // contrast after the fade-in
      await expect(el).to.be.accessible();
    });

    it('states the inactivity limit in minutes', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="840" expire-after="900"></fake-time-timeout>`);
      time.advance(840_000);
      await el.updateComplete;
      expect(part(el, 'message')!.textContent).to.match(/inactive for 14 minutes\..*after 15 minutes of inactivity/s);
    });

    it('counts down m:ss from the deadline', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="62.5"></fake-time-timeout>`);
      time.advance(60_000);
      await el.updateComplete;
      expect(part(el, 'countdown')!.textContent).to.equal('0:03');
      time.advance(500);
      await el.updateComplete;
      expect(part(el, 'countdown')!.textContent, 'ticks to 0:02 on the whole second').to.equal('0:02');
      time.advance(999);
      await el.updateComplete;
      expect(part(el, 'countdown')!.textContent).to.equal('0:02');
      time.advance(1);
      await el.updateComplete;
      expect(part(el, 'countdown')!.textContent).to.equal('0:01');
    });

    it('the button extends; focus returns where it was', async () => {
      // On the fake clock: with a real 0.1 s warn-after, a slow machine could open the warning before
      // the input had focus.
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
      const input = document.createElement('input');
      input.setAttribute('aria-label', 'notes');
      document.body.append(input);
      input.focus();
      try {
        time.advance(60_000);
        await el.updateComplete;
        expect(focusedPart(el)).to.equal('extend-button');
        const extended = oneEvent(el, 'session-timeout-extend');
        const button = part(el, 'extend-button')!;
        const box = button.getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
        expect((await extended).remaining).to.equal(90);
        await el.updateComplete;
        expect(el.state).to.equal('active');
        expect(dialogOf(el).open).to.equal(false);
        expect(document.activeElement).to.equal(input);
      } finally {
        input.remove();
      }
    });

    it('Escape extends (the dialog’s cancel event)', async () => {
      // Fake time: on a real 0.1 s warn-after the warning could reopen before the assertion.
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
      time.advance(60_000);
      await el.updateComplete;
      const extended = oneEvent(el, 'session-timeout-extend');
      await sendKeys({ press: 'Escape' });
      await extended;
      await el.updateComplete;
      expect(el.state).to.equal('active');
      expect(dialogOf(el).open).to.equal(false);
    });

    it('works with the keyboard alone: Tab between the actions, Enter or Space extend', async () => {
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout warn-after="60" expire-after="90" logout-url="/fake-logout"></fake-time-timeout>`);
      for (const key of ['Enter', 'Space']) {
        time.advance(60_000);
        await el.updateComplete;
        expect(focusedPart(el)).to.equal('extend-button');
        await sendKeys({ press: 'Tab' });
        expect(focusedPart(el)).to.equal('logout-button');
        await sendKeys({ down: 'Shift' });
        await sendKeys({ press: 'Tab' });
        await sendKeys({ up: 'Shift' });
        expect(focusedPart(el)).to.equal('extend-button');
        const extended = oneEvent(el, 'session-timeout-extend');
        await sendKeys({ press: key });
        await extended;
        await el.updateComplete;
        expect(dialogOf(el).open, key).to.equal(false);
      }
    });

    it('activity does not extend while the warning is open, unless extend-on-activity', async () => {
      // On the fake clock: each step is a whole second of the countdown, so an extension could not
      // hide behind a warning that opens again (as it did on a real 0.1 s warn-after).
      for (const eager of [false, true]) {
        newPage();
        const el = await fixture<SessionTimeoutElement>(html`
          <fake-time-timeout warn-after="60" expire-after="90" ?extend-on-activity=${eager}></fake-time-timeout>`);
        const extensions: number[] = [];
        el.addEventListener('session-timeout-extend', (event) => extensions.push(event.remaining));
        time.advance(60_000);
        await el.updateComplete;
        expect(el.state).to.equal('warning');
        time.advance(10_000);
        await sendMouse({ type: 'move', position: [5, 5] });
        await sendMouse({ type: 'move', position: [9, 9] });
        time.advance(1000); // the next second of the countdown looks at the input
        await el.updateComplete;
        if (eager) {
          expect(extensions, 'extended by the moves').to.deep.equal([90]);
          expect(el.state).to.equal('active');
          expect(el.remaining).to.equal(90);
        } else {
          expect(extensions, 'not extended').to.deep.equal([]);
          expect(el.state).to.equal('warning');
          expect(el.remaining, 'the countdown went on').to.equal(19);
          expect(dialogOf(el).open).to.equal(true);
        }
        el.remove();
      }
    });

    it('"Sign out now" submits a POST form to logout-url', async () => {
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout warn-after="60" expire-after="90" logout-url="/fake-logout" redirect-url="/elsewhere"></fake-time-timeout>`);
      time.advance(60_000);
      await el.updateComplete;
      const form = part(el, 'logout-button')!.closest('form')!;
      expect(form.method).to.equal('post');
      expect(new URL(form.action).pathname).to.equal('/fake-logout');
      // Intercept the navigation: the test page must stay.
      form.addEventListener('submit', (event) => event.preventDefault());
      const expired = oneEvent(el, 'session-timeout-expire');
      part(el, 'logout-button')!.click();
      expect((await expired).reason).to.equal('logout');
      expect(el.state).to.equal('expired');
    });

    it('speaks the time left at most every 20–30 s, never every second', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="180"></fake-time-timeout>`);
      // The live region is in place, silent, before the warning opens (its view loads at the first idle moment).
      time.advance(30_000);
      await waitUntil(() => el.shadowRoot!.querySelector('dialog .sr-only[role="status"]'), 'no live region before the warning', { timeout: 3000 });
      const live = el.shadowRoot!.querySelector('dialog .sr-only[role="status"]')!;
      expect(live.textContent!.trim()).to.equal('');
      time.advance(30_000);
      await el.updateComplete;
      expect(el.state).to.equal('warning');
      expect(live.textContent!.trim(), 'spoken as it opens').to.equal('You will be signed out in 2 minutes.');
      const spoken: Array<[number, string]> = [[120, live.textContent!.trim()]];
      for (let second = 119; second >= 1; second--) {
        time.advance(1000);
        await el.updateComplete;
        const text = live.textContent!.trim();
        if (text && text !== spoken.at(-1)?.[1]) spoken.push([second, text]);
      }
      expect(spoken.map(([second]) => second)).to.deep.equal([120, 60, 30, 10]);
      expect(spoken[1]![1]).to.equal('You will be signed out in 1 minute.');
      expect(spoken[2]![1]).to.equal('You will be signed out in 30 seconds.');
      time.advance(1000);
      await el.updateComplete;
      expect(el.state).to.equal('expired');
      expect(part(el, 'expired')!.closest('[role="status"]'), 'the expiry is announced').to.exist;
    });

    it('honours prefers-reduced-motion', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout warn-after="20" expire-after="60"></session-timeout>`);
      const dialog = await fullView(el).then(() => dialogOf(el));
      dialog.show();
      expect(getComputedStyle(dialog).animationName).to.equal('session-timeout-in');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(dialog).animationName).to.equal('none');
      dialog.close();
    });

    it('reflows at 320 px wide', async () => {
      await setViewport({ width: 320, height: 640 });
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout warn-after="60" expire-after="90" logout-url="/fake-logout"></fake-time-timeout>`);
      time.advance(60_000);
      await el.updateComplete;
      const dialog = dialogOf(el);
      expect(dialog.getBoundingClientRect().width).to.be.at.most(320);
      expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
    });
  });

  describe('expiry', () => {
    it('fires a cancelable session-timeout-expire and goes to redirect-url', async () => {
      const el = await fixture<NavigatingTimeout>(html`
        <navigating-timeout warn-after="0.1" expire-after="0.3" redirect-url="/login?reason=idle"></navigating-timeout>`);
      const event = await oneEvent(el, 'session-timeout-expire');
      expect(event.reason).to.equal('idle');
      expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
      expect(el.navigations).to.deep.equal(['/login?reason=idle']);
    });

    it('preventDefault() stops the redirect: the expired state shows in place', async () => {
      const el = await fixture<NavigatingTimeout>(html`
        <navigating-timeout warn-after="0.1" expire-after="0.3" redirect-url="/login"></navigating-timeout>`);
      el.addEventListener('session-timeout-expire', (event) => event.preventDefault());
      await oneEvent(el, 'session-timeout-expire');
      await el.updateComplete;
      expect(el.navigations).to.deep.equal([]);
      expect(el.state).to.equal('expired');
      expect(dialogOf(el).open).to.equal(false);
      expect(part(el, 'expired')).to.exist;
    });

    it('without redirect-url shows the expired state with a way to sign in again', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout warn-after="0.1" expire-after="0.3"></session-timeout>`);
      await oneEvent(el, 'session-timeout-expire');
      await el.updateComplete;
      const expired = part(el, 'expired')!;
      expect(expired.textContent).to.include('Your session has ended.');
      const link = expired.querySelector('a')!;
      expect(link.textContent).to.equal('Sign in again');
      expect(link.href).to.equal(location.href);
      expect(el.remaining).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('expire() ends the session now with reason logout', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout></session-timeout>`);
      setTimeout(() => el.expire());
      const event = await oneEvent(el, 'session-timeout-expire');
      expect(event.reason).to.equal('logout');
      expect(el.state).to.equal('expired');
    });
  });

  describe('server', () => {
    it('confirms with a ping before warning: activity elsewhere keeps the warning closed', async () => {
      // Fake time: on a real clock the start-up ping and the confirmation raced under load.
      const endpoint = fakeEndpoint('respond=alive&expireAfter=600&warnAfter=60');
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout ping-url=${endpoint.url}></fake-time-timeout>`);
      time.advance(250); // the start-up ping
      await waitUntil(() => el.durations.warnAfter === 60);
      await endpoint.script([{ respond: 'alive', remaining: 580, expireAfter: 600, warnAfter: 60 }]);
      time.advance(60_000 - 250);
      await waitUntil(async () => (await endpoint.requests()).length === 2);
      expect((await endpoint.requests())[1]!.body).to.deep.equal({ idle: 60 });
      await aTimeout(50);
      expect(el.state).to.equal('active');
      expect(el.remaining, 'another tab was active 20 s ago').to.be.closeTo(580, 0.5);
    });

    it('pingRequest adds the app’s headers to every ping, and a change applies to the next', async () => {
      const endpoint = fakeEndpoint('respond=alive&expireAfter=600&warnAfter=540');
      const el = document.createElement('fake-time-timeout') as SessionTimeoutElement;
      el.pingUrl = endpoint.url;
      el.pingRequest = { headers: { 'X-CSRF-Token': 'first' } };
      await fixture(html`<div>${el}</div>`);
      time.advance(250); // the start-up ping
      await waitUntil(async () => (await endpoint.requests()).length === 1);
      el.pingRequest = { headers: { 'X-CSRF-Token': 'second' } };
      await el.updateComplete;
      el.extend();
      await waitUntil(async () => (await endpoint.requests()).length === 2);
      expect((await endpoint.requests()).map((request) => request.csrf)).to.deep.equal(['first', 'second']);
    });

    it('extend() pings {"idle": 0}; a ping error fires session-timeout-error and does not end the session', async () => {
      const endpoint = fakeEndpoint('respond=error');
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout ping-url=${endpoint.url}></session-timeout>`);
      setTimeout(() => el.extend());
      const error = await oneEvent(el, 'session-timeout-error');
      expect(error.status).to.equal(500);
      expect(error.error).to.be.an('error');
      expect(el.state).to.equal('active');
      expect((await endpoint.requests())[0]!.body).to.deep.equal({ idle: 0 });
    });

    it('a 401 ends the session with the server’s reason', async () => {
      const endpoint = fakeEndpoint('respond=expired&reason=absolute');
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout ping-url=${endpoint.url}></session-timeout>`);
      setTimeout(() => el.extend());
      const event = await oneEvent(el, 'session-timeout-expire');
      expect(event.reason).to.equal('absolute');
    });

    it('a 401 "closed" (presence ran out) ends the session with reason closed, not server', async () => {
      const endpoint = fakeEndpoint('respond=expired&reason=closed');
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout ping-url=${endpoint.url}></session-timeout>`);
      setTimeout(() => el.extend());
      const event = await oneEvent(el, 'session-timeout-expire');
      expect(event.reason).to.equal('closed');
    });
  });

  describe('disabled', () => {
    it('never warns, never pings', async () => {
      const endpoint = fakeEndpoint();
      const el = await fixture<SessionTimeoutElement>(html`
        <session-timeout disabled warn-after="0.05" expire-after="0.15" ping-url=${endpoint.url}></session-timeout>`);
      let events = 0;
      for (const type of ['warn', 'extend', 'expire', 'error']) el.addEventListener(`session-timeout-${type}`, () => events++);
      el.extend();
      await aTimeout(300);
      expect(el.state).to.equal('active');
      expect(events).to.equal(0);
      expect(await endpoint.requests()).to.deep.equal([]);
    });

    it('disabling closes an open warning; enabling starts afresh from the page’s last input', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="120"></fake-time-timeout>`);
      time.advance(60_000);
      await el.updateComplete;
      expect(el.state).to.equal('warning');
      el.disabled = true;
      await el.updateComplete;
      expect(el.state).to.equal('active');
      expect(dialogOf(el).open).to.equal(false);
      time.advance(10_000);
      el.disabled = false;
      await el.updateComplete;
      expect(el.state, 'being disabled is not input: still away since the page’s load').to.equal('warning');
      expect(el.remaining).to.equal(50);
      el.disabled = true;
      await el.updateComplete;
      await sendKeys({ press: 'Shift' }); // the page still hears its user while no element listens
      el.disabled = false;
      await el.updateComplete;
      expect(el.remaining, 'the input while disabled counts').to.equal(120);
    });
  });

  describe('slots', () => {
    it('replace every text', async () => {
      // Fake time: on a real 0.1 s warn-after, the audit below could outlast the warning under load.
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout warn-after="60" expire-after="90" logout-url="/fake-logout">
          <span slot="heading">Encore là ?</span>
          <span slot="warning">Vous êtes inactif depuis un moment.</span>
          <span slot="extend-label">Rester connecté</span>
          <span slot="logout-label">Se déconnecter</span>
          <span slot="expired">Session terminée. <a href="/login">Se reconnecter</a></span>
        </fake-time-timeout>`);
      const assigned = (name: string) =>
        el.shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!.assignedNodes().map((node) => node.textContent).join('');
      time.advance(60_000);
      await el.updateComplete;
      await Promise.all(dialogOf(el).getAnimations().map((animation) => animation.finished)); // contrast after the fade-in
      expect(assigned('heading')).to.equal('Encore là ?');
      expect(assigned('warning')).to.equal('Vous êtes inactif depuis un moment.');
      expect(assigned('extend-label')).to.equal('Rester connecté');
      expect(assigned('logout-label')).to.equal('Se déconnecter');
      await expect(el).to.be.accessible();
      time.advance(30_000);
      await el.updateComplete;
      expect(el.state).to.equal('expired');
      expect(assigned('expired')).to.equal('Session terminée. Se reconnecter');
    });
  });

  describe('accessibility', () => {
    it('is accessible while active', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout logout-url="/fake-logout"></session-timeout>`);
      await expect(el).to.be.accessible();
    });
  });

  describe('define', () => {
    it('is tolerant of double definition and registers under another tag', () => {
      expect(() => SessionTimeoutElement.define()).not.to.throw();
      class Another extends SessionTimeoutElement {}
      Another.define('another-session-timeout');
      expect(customElements.get('another-session-timeout')).to.equal(Another);
      expect(() => Another.define('another-session-timeout')).not.to.throw();
    });
  });

  describe('issue 10: what used to fail', () => {
    it('moved while the warning is open, the dialog is modal again, focus inside', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
      time.advance(60_000);
      await el.updateComplete;
      const elsewhere = await fixture<HTMLDivElement>(html`<div></div>`);
      elsewhere.append(el);
      await el.updateComplete;
      expect(el.state).to.equal('warning');
      expect(dialogOf(el).matches(':modal'), 'modal: the page behind is inert').to.equal(true);
      expect(focusedPart(el)).to.equal('extend-button');
    });

    it('changing warn-after while the warning is open closes it without a session-timeout-extend', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
      let extends_ = 0;
      el.addEventListener('session-timeout-extend', () => extends_++);
      time.advance(65_000);
      await el.updateComplete;
      expect(el.state).to.equal('warning');
      el.setAttribute('warn-after', '80');
      await el.updateComplete;
      expect(el.state).to.equal('active');
      expect(dialogOf(el).open).to.equal(false);
      expect(extends_, 'nobody extended anything').to.equal(0);
    });

    it('disabled and enabled again after the end starts afresh', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
      el.expire();
      await el.updateComplete;
      el.disabled = true;
      await el.updateComplete;
      el.disabled = false;
      await el.updateComplete;
      expect(el.state).to.equal('active');
      expect(el.remaining).to.equal(90);
    });

    it('a javascript: redirect-url or logout-url never runs: one warning, no navigation, no sign-out form', async () => {
      const el = await fixture<NavigatingTimeout>(html`
        <navigating-timeout warn-after="0.1" expire-after="0.3" redirect-url="javascript:alert(1)" logout-url=" JavaScript:alert(2)"></navigating-timeout>`);
      await oneEvent(el, 'session-timeout-warn');
      await el.updateComplete;
      expect(part(el, 'logout-button')).to.equal(null);
      await oneEvent(el, 'session-timeout-expire');
      expect(el.navigations).to.deep.equal([]);
      const about = (attribute: string) => warnings.filter((w) => w.includes(`${attribute}=`));
      await waitUntil(() => about('redirect-url').length && about('logout-url').length, 'no console warnings');
      await aTimeout(20);
      expect(warnings.filter((w) => w.includes('redirect-url="javascript:alert(1)"'))).to.have.length(1);
      expect(warnings.filter((w) => w.includes('logout-url'))).to.have.length(1);
    });

    it('takes the server’s durations and says which end the warning is about', async () => {
      const endpoint = fakeEndpoint();
      // The absolute limit 40 s after the start-up ping; the confirmation 10 s later hears 30 s.
      const answer = { respond: 'alive', expireAfter: 90, warnAfter: 60 };
      await endpoint.script([{ ...answer, absoluteRemaining: 40 }, { ...answer, absoluteRemaining: 30 }]);
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout warn-after="540" expire-after="600" ping-url=${endpoint.url}></fake-time-timeout>`);
      const warned = oneEvent(el, 'session-timeout-warn');
      time.advance(250); // no other tab answers: one ping asks the server
      await waitUntil(async () => (await endpoint.requests()).length > 0, 'the start-up ping');
      await waitUntil(() => el.durations.expireAfter === 90, 'the server’s durations');
      // Said once (its words arrive from the messages chunk a moment later).
      await waitUntil(() => warnings.some((w) => w.includes('server')), 'no console warning');
      expect(warnings.filter((w) => w.includes('server'))).to.have.length(1);
      time.advance(10_000); // 30 s (expire-after − warn-after) before the absolute end
      await waitUntil(() => el.state === 'warning');
      expect((await warned).reason).to.equal('absolute');
      await el.updateComplete;
      expect(el.durations).to.deep.equal({ warnAfter: 60, expireAfter: 90 });
      expect(part(el, 'extend-button'), 'staying longer is impossible: no extend button').to.equal(null);
      expect(focusedPart(el)).to.equal('dismiss-button');
      const endsAt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(time.now + 30_000);
      expect(part(el, 'message')!.textContent).to.include(`ends at ${endsAt} and cannot be extended`);
      expect(el.shadowRoot!.querySelector('dialog [role="status"]')!.textContent).to.include('Save your work');
      const dismissed = oneEvent(el, 'session-timeout-dismiss');
      el.extend(); // cannot extend past the absolute end: only closes the warning (as Escape and OK do)
      await dismissed;
      await el.updateComplete;
      expect(el.state).to.equal('active');
      expect(dialogOf(el).open).to.equal(false);
      time.advance(29_000);
      await el.updateComplete;
      expect(el.state, 'it does not reopen').to.equal('active');
    });
  });

  describe('issue 12 C: the accessibility audit', () => {
    const openWarning = async (attributes = '') => {
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      container.innerHTML = `<fake-time-timeout warn-after="60" expire-after="90" ${attributes}></fake-time-timeout>`;
      const el = container.firstElementChild as SessionTimeoutElement;
      await el.updateComplete;
      time.advance(60_000);
      await el.updateComplete;
      return el;
    };

    it('forced colours: the dialog keeps a visible edge', async function () {
      if (!(await executeServerCommand('emulate-forced-colors', { active: true }))) {
        this.skip(); // this browser's driver cannot emulate forced colours
      }
      expect(matchMedia('(forced-colors: active)').matches, 'emulated').to.equal(true);
      const el = await openWarning();
      const style = getComputedStyle(dialogOf(el));
      expect(style.borderTopStyle).to.equal('solid');
      expect(parseFloat(style.borderTopWidth)).to.be.at.least(1);
      expect(style.borderTopColor).not.to.equal('rgba(0, 0, 0, 0)');
    });

    it('dark mode: the dialog follows the page’s color-scheme and stays accessible', async () => {
      document.documentElement.style.colorScheme = 'dark';
      try {
        const el = await openWarning('logout-url="/fake-logout"');
        const [r, g, b] = getComputedStyle(dialogOf(el)).backgroundColor.match(/\d+/g)!.map(Number);
        expect(r! + g! + b!, 'a dark background').to.be.below(150);
        await Promise.all(dialogOf(el).getAnimations().map((animation) => animation.finished)); // contrast after the fade-in
        await expect(el).to.be.accessible();
      } finally {
        document.documentElement.style.colorScheme = '';
      }
    });

    it('the countdown is labelled', async () => {
      const el = await openWarning();
      expect(el.shadowRoot!.getElementById('countdown')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Time left: 0:30');
    });

    it('Tab keeps cycling inside the dialog', async () => {
      const el = await openWarning('logout-url="/fake-logout"');
      expect(focusedPart(el)).to.equal('extend-button');
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(el)).to.equal('logout-button');
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(el), 'back to the first, not out to the browser').to.equal('extend-button');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(focusedPart(el)).to.equal('logout-button');
    });

    it('zoomed in (a 320 × 180 viewport), the heading shows first and the dialog scrolls', async () => {
      await setViewport({ width: 320, height: 180 });
      const el = await openWarning('logout-url="/fake-logout"');
      const dialog = dialogOf(el);
      const heading = part(el, 'heading')!.getBoundingClientRect();
      expect(heading.top, 'the heading is in view').to.be.at.least(dialog.getBoundingClientRect().top);
      expect(heading.bottom).to.be.at.most(innerHeight);
      expect(dialog.scrollHeight, 'the rest scrolls').to.be.greaterThan(dialog.clientHeight);
      expect(focusedPart(el)).to.equal('extend-button');
    });

    it('the buttons sit side by side where they fit', async () => {
      const el = await openWarning('logout-url="/fake-logout"');
      expect(part(el, 'extend-button')!.getBoundingClientRect().top).to.equal(part(el, 'logout-button')!.getBoundingClientRect().top);
    });

    it('says what an action did: still signed in, signing out', async () => {
      const el = await openWarning('logout-url="/fake-logout"');
      el.extend();
      await el.updateComplete;
      const outcome = () => el.shadowRoot!.querySelector('dialog ~ [role="status"]')!.textContent!.trim();
      expect(outcome()).to.equal('You are still signed in.');
      time.advance(60_000);
      await el.updateComplete;
      const form = part(el, 'logout-button')!.closest('form')!;
      form.addEventListener('submit', (event) => event.preventDefault());
      part(el, 'logout-button')!.click();
      await el.updateComplete;
      expect(el.state).to.equal('expired');
      expect(outcome(), 'the sign-out is confirmed beside the ended state').to.include('Signing you out…');
    });
  });

  describe('what react-idle-timer and @ng-idle users reach for: idleFor, lastActivity, leader, tick, ping', () => {
    /** Every event of `type` the element fires from now on. */
    function record<K extends keyof HTMLElementEventMap>(el: EventTarget, type: K): Array<HTMLElementEventMap[K]> {
      const events: Array<HTMLElementEventMap[K]> = [];
      el.addEventListener(type, (event) => events.push(event as HTMLElementEventMap[K]));
      return events;
    }
    const channel = () => `test-observe-${Math.random()}`;

    it('idleFor grows with the clock and starts again from input in this tab or another; lastActivity is that instant', async () => {
      const name = channel();
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout channel=${name}></fake-time-timeout>`);
      const started = time.now;
      time.advance(12_500);
      expect(el.idleFor).to.equal(12.5);
      expect(el.lastActivity).to.be.instanceOf(Date);
      expect(el.lastActivity!.getTime()).to.equal(started);
      await sendKeys({ press: 'Shift' }); // input in this tab
      await waitUntil(() => el.idleFor === 0, 'input here');
      expect(el.lastActivity!.getTime()).to.equal(time.now);
      time.advance(7000);
      expect(el.idleFor).to.equal(7);
      const otherTab = new BroadcastChannel(name);
      otherTab.postMessage({ type: 'activity', at: time.now - 2000 });
      otherTab.close();
      await waitUntil(() => el.idleFor === 2, 'input in another tab 2 s ago');
      expect(el.lastActivity!.getTime()).to.equal(time.now - 2000);
      el.disabled = true;
      await el.updateComplete;
      expect([el.idleFor, el.lastActivity]).to.deep.equal([null, null]);
    });

    it('idleFor and lastActivity cannot be set, nor can leader', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout></fake-time-timeout>`);
      for (const name of ['idleFor', 'lastActivity', 'leader']) {
        expect(() => ((el as unknown as Record<string, unknown>)[name] = 1), name).to.throw();
      }
    });

    it('leader: a tab alone leads; a second tab follows, and leads once the first goes away', async () => {
      const name = channel();
      const first = await fixture<SessionTimeoutElement>(html`<fake-time-timeout channel=${name}></fake-time-timeout>`);
      await waitUntil(() => first.leader, 'the only tab leads', { timeout: 5000 });
      const second = document.createElement('fake-time-timeout') as SessionTimeoutElement;
      second.channel = name;
      const secondSaid = record(second, 'session-timeout-leader');
      const firstSaid = record(first, 'session-timeout-leader');
      document.body.append(second);
      await aTimeout(100);
      expect([first.leader, second.leader]).to.deep.equal([true, false]);
      expect(secondSaid, 'a follower says nothing').to.deep.equal([]);
      first.remove();
      await waitUntil(() => second.leader, 'the second tab took over', { timeout: 5000 });
      expect(secondSaid.map((event) => event.leader)).to.deep.equal([true]);
      expect(secondSaid[0]).to.be.instanceOf(SessionTimeoutLeaderEvent);
      expect([secondSaid[0]!.bubbles, secondSaid[0]!.composed]).to.deep.equal([true, true]);
      expect(first.leader).to.equal(false);
      expect(firstSaid.map((event) => event.leader), 'the first tab stopped leading').to.deep.equal([false]);
      second.expire();
      expect(second.leader, 'an ended tab hands the keep-alive on').to.equal(false);
      second.remove();
    });

    it('session-timeout-tick: once per second of the clock while the warning is open, with the seconds left; none once it closes', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
      const ticks = record(el, 'session-timeout-tick');
      time.advance(59_000);
      expect(ticks, 'none before the warning').to.deep.equal([]);
      time.advance(1000);
      expect(el.state).to.equal('warning');
      expect(ticks.map((event) => event.remaining), 'the first as it opens').to.deep.equal([30]);
      const opened = ticks.length;
      for (let second = 1; second <= 5; second++) time.advance(1000);
      expect(ticks.slice(opened).map((event) => event.remaining)).to.deep.equal([29, 28, 27, 26, 25]);
      expect(ticks.every((event) => event instanceof SessionTimeoutTickEvent && event.bubbles && event.composed)).to.equal(true);
      time.advance(500); // between two seconds: none
      expect(ticks.length).to.equal(opened + 5);
      el.extend();
      time.advance(10_000);
      expect(ticks.length, 'the warning closed: no more ticks').to.equal(opened + 5);
    });

    it('session-timeout-ping: each answer with the server’s values, in this tab and once in another tab that heard it relayed', async () => {
      const endpoint = fakeEndpoint();
      const first = document.createElement('fake-time-timeout') as SessionTimeoutElement;
      first.pingUrl = endpoint.url;
      const firstPings = record(first, 'session-timeout-ping');
      await endpoint.script([{ respond: 'alive', remaining: 680, expireAfter: 700, warnAfter: 640 }]);
      await fixture(html`<div>${first}</div>`);
      time.advance(250); // no other tab answers: the start-up ping
      await waitUntil(() => firstPings.length === 1, 'the start-up ping answered');
      expect([firstPings[0]!.remaining, firstPings[0]!.expireAfter, firstPings[0]!.warnAfter]).to.deep.equal([680, 700, 640]);
      expect(firstPings[0]).to.be.instanceOf(SessionTimeoutPingEvent);
      expect([firstPings[0]!.bubbles, firstPings[0]!.composed]).to.deep.equal([true, true]);

      // A second tab: it asks the first what the server last said (old news, not a ping answered now).
      time.advance(1000);
      const second = document.createElement('fake-time-timeout') as SessionTimeoutElement;
      second.pingUrl = endpoint.url;
      const secondPings = record(second, 'session-timeout-ping');
      first.parentElement!.append(second);
      await waitUntil(() => second.durations.expireAfter === 700, 'the second tab heard the first');
      await aTimeout(100);
      expect(secondPings, 'the answer from before it opened').to.deep.equal([]);

      await endpoint.script([{ respond: 'alive', remaining: 900, expireAfter: 900, warnAfter: 840 }]);
      time.advance(1000);
      first.extend(); // pings {"idle": 0}
      await waitUntil(() => firstPings.length === 2 && secondPings.length === 1, 'both tabs heard the answer');
      await aTimeout(100);
      expect(firstPings.map((event) => [event.remaining, event.expireAfter, event.warnAfter])).to.deep.equal([[680, 700, 640], [900, 900, 840]]);
      expect(secondPings.map((event) => [event.remaining, event.expireAfter, event.warnAfter]), 'relayed, once').to.deep.equal([[900, 900, 840]]);
      expect(await endpoint.requests(), 'the second tab sent nothing').to.have.length(2);
    });

    it('a failed ping is no session-timeout-ping', async () => {
      const endpoint = fakeEndpoint('respond=error');
      const el = await fixture<SessionTimeoutElement>(html`<session-timeout ping-url=${endpoint.url}></session-timeout>`);
      const pings = record(el, 'session-timeout-ping');
      setTimeout(() => el.extend());
      await oneEvent(el, 'session-timeout-error');
      expect(pings).to.deep.equal([]);
    });

    it('a listener that throws changes nothing: the countdown goes on and the session ends on time', async () => {
      const reported: unknown[] = [];
      const mochaOnError = window.onerror;
      window.onerror = (_message, _source, _line, _column, error) => {
        reported.push(error);
        return true;
      };
      try {
        const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
        const ticks = record(el, 'session-timeout-tick');
        for (const type of ['session-timeout-tick', 'session-timeout-leader', 'session-timeout-ping'] as const) {
          // Once each: the events after it must come as if nothing happened.
          el.addEventListener(type, () => {
            throw new Error(`app bug in ${type}`);
          }, { once: true });
        }
        const expired = record(el, 'session-timeout-expire');
        time.advance(65_000);
        expect(el.state).to.equal('warning');
        time.advance(25_000);
        expect(expired.map((event) => event.reason)).to.deep.equal(['idle']);
        expect(ticks.at(-1)!.remaining).to.equal(1);
        expect(reported.some((error) => (error as Error)?.message == 'app bug in session-timeout-tick'), 'reported, not swallowed').to.equal(true);
      } finally {
        window.onerror = mochaOnError;
      }
    });
  });

  describe('the back/forward cache', () => {
    it('an ended page going into the cache is hidden, and leaves at once when restored', async () => {
      const el = await fixture<KeepingTimeout>(html`<keeping-timeout redirect-url="/login"></keeping-timeout>`);
      el.addEventListener('session-timeout-expire', (event) => event.preventDefault()); // stays, as a form post would leave it
      el.expire();
      try {
        dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
        expect(getComputedStyle(document.documentElement).visibility).to.equal('hidden');
        dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
        expect(el.navigations).to.deep.equal(['/login']);
      } finally {
        document.documentElement.style.visibility = '';
      }
    });

    it('a live page is left alone', async () => {
      const el = await fixture<KeepingTimeout>(html`<keeping-timeout redirect-url="/login"></keeping-timeout>`);
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect(getComputedStyle(document.documentElement).visibility).to.equal('visible');
      expect(el.navigations).to.deep.equal([]);
    });
  });

  describe('issue 12 B: work survives the end of a session', () => {
    /** A page with a form, signed in as `subject`, whose session the server then ends. */
    async function endWithWork(subject: string | undefined, { edit = true } = {}) {
      const endpoint = fakeEndpoint();
      const alive = { respond: 'alive', expireAfter: 90, warnAfter: 60, subject };
      await endpoint.script([alive]);
      const page = await fixture<HTMLDivElement>(html`<div>
        <label>Notes <input id="notes" value=""></label>
        <keeping-timeout ping-url=${endpoint.url} redirect-url="/login"></keeping-timeout>
      </div>`);
      const el = page.querySelector<KeepingTimeout>('keeping-timeout')!;
      await fullView(el); // what follows is the full view's (the fallback's own: fallback-warning.test.ts)
      const input = page.querySelector('input')!;
      input.focus();
      if (edit) input.value = 'ten minutes of typing';
      time.advance(250); // the start-up ping learns who is signed in
      await waitUntil(async () => (await endpoint.requests()).length == 1);
      await aTimeout(30);
      await endpoint.script([{ respond: 'expired', reason: 'idle' }]);
      const expired = oneEvent(el, 'session-timeout-expire');
      time.advance(60_000); // the confirmation before the warning hears the session ended
      const event = await expired;
      await el.updateComplete;
      return { endpoint, el, input, event, alive };
    }

    it('the warning says when there are unsaved changes', async () => {
      const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90" unsaved-changes></fake-time-timeout>`);
      time.advance(60_000);
      await el.updateComplete;
      expect(part(el, 'unsaved')!.textContent).to.include('unsaved changes');
    });

    it('with unsaved work the page stays behind an opaque modal: no redirect, nothing reachable', async () => {
      const { el, event } = await endWithWork('alice');
      expect(event.unsavedWork).to.equal(true);
      expect(el.state).to.equal('expired');
      expect(el.navigations, 'the page did not leave').to.deep.equal([]);
      const dialog = dialogOf(el);
      expect(dialog.matches(':modal'), 'the page behind is inert').to.equal(true);
      expect(getComputedStyle(dialog, '::backdrop').backgroundColor, 'an opaque backdrop').to.match(/^rgb\(/);
      expect(focusedPart(el)).to.equal('sign-in-button');
      await expect(el).to.be.accessible();
      part(el, 'sign-in-button')!.click();
      expect(el.signIns).to.deep.equal([new URL('/login', location.href).href]);
      expect(el.navigations).to.deep.equal([]);
    });

    it('Escape does not uncover kept work', async () => {
      const { el } = await endWithWork('alice');
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(dialogOf(el).matches(':modal')).to.equal(true);
    });

    it('the same user signing in again resumes the page: values, focus, an event and a message', async () => {
      const { el, input, endpoint, alive } = await endWithWork('alice');
      await endpoint.script([{ respond: 'expired', reason: 'missing' }]);
      dispatchEvent(new Event('focus')); // not signed in yet: keep waiting
      await aTimeout(50);
      expect(el.state).to.equal('expired');
      await endpoint.script([{ ...alive, remaining: 88 }]);
      const resumed = oneEvent(el, 'session-timeout-resume');
      dispatchEvent(new Event('focus'));
      expect((await resumed).remaining, 'the new session’s time').to.be.closeTo(88, 1);
      await el.updateComplete;
      expect(el.state).to.equal('active');
      expect(dialogOf(el).open).to.equal(false);
      expect(input.value).to.equal('ten minutes of typing');
      expect(document.activeElement).to.equal(input);
      expect(el.shadowRoot!.querySelector('dialog ~ [role="status"]')!.textContent).to.include('signed in again');
      expect(el.navigations).to.deep.equal([]);
    });

    it('a focus while the last question is unanswered is not lost: the server is asked again once it answers', async () => {
      const { el, endpoint, alive } = await endWithWork('alice');
      // Looked at once before signing in again elsewhere (a slow answer: not yet), then again after it.
      await endpoint.script([{ respond: 'expired', reason: 'missing', delay: 300 }, { ...alive, remaining: 88 }]);
      const resumed = oneEvent(el, 'session-timeout-resume');
      dispatchEvent(new Event('focus'));
      await waitUntil(async () => (await endpoint.requests()).length == 3, 'the first question asked'); // start-up, end, this
      dispatchEvent(new Event('focus'));
      expect((await resumed).remaining, 'resumed without another focus').to.be.closeTo(88, 1);
      expect(el.state).to.equal('active');
    });

    it('a kept page moved in the DOM still resumes, still hidden meanwhile', async () => {
      const { el, endpoint, alive } = await endWithWork('alice');
      el.parentElement!.parentElement!.append(el);
      await el.updateComplete;
      expect(dialogOf(el).matches(':modal')).to.equal(true);
      await endpoint.script([{ ...alive, remaining: 88 }]); // a session that just started
      const resumed = oneEvent(el, 'session-timeout-resume');
      dispatchEvent(new Event('focus'));
      await resumed;
      expect(el.state).to.equal('active');
    });

    it('someone else signing in, or a session with no subject, makes the page leave unseen', async () => {
      for (const [before, after] of [['alice', 'bob'], ['alice', undefined], [undefined, undefined]] as const) {
        newPage();
        const { el, endpoint, alive } = await endWithWork(before);
        await endpoint.script([{ ...alive, subject: after }]);
        dispatchEvent(new Event('focus'));
        await waitUntil(() => el.navigations.length > 0, `${before} → ${after}`);
        expect(el.navigations).to.deep.equal(['/login']);
        expect(el.state).to.equal('expired');
        expect(dialogOf(el).matches(':modal'), 'still hidden while it leaves').to.equal(true);
      }
    });

    it('"Leave without saving" redirects', async () => {
      const kept = await endWithWork('alice');
      part(kept.el, 'leave-button')!.click();
      expect(kept.el.navigations).to.deep.equal(['/login']);
    });

    it('without unsaved work nothing changes: the page leaves at once', async () => {
      const plain = await endWithWork('alice', { edit: false });
      expect(plain.event.unsavedWork).to.equal(false);
      expect(plain.el.navigations).to.deep.equal(['/login']);
      expect(dialogOf(plain.el).open).to.equal(false);
    });
  });

  describe('issue 20: mounting is not activity', () => {
    it('client-only, re-mounted every 25 s with no input: warned at warn-after from the page load', async () => {
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const mount = () => {
        const el = document.createElement('fake-time-timeout') as SessionTimeoutElement;
        el.setAttribute('warn-after', '60');
        el.setAttribute('expire-after', '120');
        container.replaceChildren(el);
        return el;
      };
      let el = mount(); // the page's load: its first element
      for (let at = 25_000; at < 60_000; at += 25_000) {
        time.advance(25_000);
        await el.updateComplete;
        el.remove(); // an SPA's route change re-renders it
        el = mount();
        await el.updateComplete;
        expect(el.state, `${at / 1000} s after the load`).to.equal('active');
      }
      time.advance(60_000 - 50_000 - 1);
      await el.updateComplete;
      expect(el.state, 'just before warn-after').to.equal('active');
      time.advance(1);
      await el.updateComplete;
      expect(el.state, 'warn-after from the load, not from the last mount').to.equal('warning');
      expect(Math.round(el.remaining)).to.equal(60);
    });
  });

  describe('issue 20: whose session it is', () => {
    it('a live page whose session now belongs to another user leaves at once, unseen, with no expire event', async () => {
      const endpoint = fakeEndpoint();
      const answer = { respond: 'alive', expireAfter: 90, warnAfter: 60 };
      await endpoint.script([{ ...answer, subject: 'alice' }]);
      const el = await fixture<KeepingTimeout>(html`<keeping-timeout ping-url=${endpoint.url} redirect-url="/login"></keeping-timeout>`);
      time.advance(250); // the start-up ping: Alice's page
      await waitUntil(async () => (await endpoint.requests()).length == 1);
      await aTimeout(30);
      let expired = 0;
      el.addEventListener('session-timeout-expire', () => expired++);
      await endpoint.script([{ ...answer, subject: 'bob' }]); // Bob signed in over her in another tab
      try {
        el.extend();
        await waitUntil(() => el.navigations.length > 0, 'the page left');
        expect(el.navigations).to.deep.equal(['/login']);
        expect(document.documentElement.style.visibility, 'hidden while it leaves').to.equal('hidden');
        expect(expired, 'not an end that could keep her work').to.equal(0);
      } finally {
        document.documentElement.style.visibility = '';
        }
      });
    });

  describe('issue 20: what used to fail', () => {
    it('an engine without :modal (Chrome < 105, Firefox < 103, Safari < 15.6) still opens the warning modal, also after a move', async () => {
      const matches = Element.prototype.matches;
      const isModal = (dialog: Element) => matches.call(dialog, ':modal');
      Element.prototype.matches = function (this: Element, selectors: string) {
        if (selectors.includes(':modal')) throw new DOMException(`'${selectors}' is not a valid selector.`, 'SyntaxError');
        return matches.call(this, selectors);
      };
      try {
        const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
        await fullView(el);
        time.advance(60_000);
        await el.updateComplete;
        expect(dialogOf(el).open).to.equal(true);
        expect(isModal(dialogOf(el)), 'modal: the page behind is inert').to.equal(true);
        expect(focusedPart(el)).to.equal('extend-button');
        const elsewhere = await fixture<HTMLDivElement>(html`<div></div>`);
        elsewhere.append(el);
        await el.updateComplete;
        expect(isModal(dialogOf(el)), 'modal again after a move').to.equal(true);
        time.advance(1_000);
        await el.updateComplete;
        expect(part(el, 'countdown')!.textContent, 'ticks on').to.equal('0:29');
      } finally {
        Element.prototype.matches = matches;
      }
    });

    it('the page’s text layout (a Vite starter’s centred #root) does not reach the dialog; the direction does', async () => {
      const root = await fixture<HTMLDivElement>(html`
        <div id="root" dir="rtl" style="text-align: center; text-transform: uppercase; letter-spacing: 4px; word-spacing: 9px;
                                       text-indent: 3em; white-space: pre; line-height: 0.5; font-style: italic">
          <fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>
        </div>`);
      const el = root.querySelector<SessionTimeoutElement>('fake-time-timeout')!;
      await fullView(el);
      time.advance(60_000);
      await el.updateComplete;
      const message = getComputedStyle(part(el, 'message')!);
      expect(message.textAlign).to.equal('start');
      expect(message.textTransform).to.equal('none');
      expect(message.letterSpacing).to.equal('normal');
      expect(message.wordSpacing).to.equal('0px');
      expect(message.textIndent).to.equal('0px');
      expect(message.whiteSpace).to.equal('normal');
      expect(message.fontStyle).to.equal('normal');
      expect(parseFloat(message.lineHeight)).to.be.above(parseFloat(message.fontSize));
      expect(message.direction, 'the direction is the page’s').to.equal('rtl');
    });

    it('a locale arriving after the warning opened: shown and spoken again in it, with its lang', async () => {
      let arrive!: () => void;
      setLocaleLoader(['qaa'], () => new Promise<void>((resolve) => (arrive = () => {
        defineLocale('qaa', { heading: 'Qaa heading', extend: 'Qaa stay', timeLeft: 'Qaa left:', warning: 'Qaa {inactive} {limit}', announceIdle: 'Qaa announces {duration}' });
        resolve();
      })));
      try {
        const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout lang="qaa" warn-after="60" expire-after="90"></fake-time-timeout>`);
        await fullView(el);
        time.advance(60_000);
        await el.updateComplete;
        const announcement = () => el.shadowRoot!.querySelector('dialog [role="status"]')!;
        expect(announcement().textContent, 'English meanwhile').to.include('You will be signed out');
        arrive();
        await waitUntil(() => part(el, 'heading')!.textContent == 'Qaa heading', 'shown in the language that arrived');
        expect(part(el, 'extend-button')!.textContent!.trim()).to.equal('Qaa stay');
        expect(announcement().textContent, 'spoken in it').to.match(/^Qaa announces /);
        expect(announcement().closest('[lang]')!.getAttribute('lang')).to.equal('qaa');
        defineLocale('qaa', { announceIdle: '' }); // a locale without it: English, marked so
        await waitUntil(() => announcement().textContent!.startsWith('You will be signed out'), 'English stands in');
        expect(announcement().getAttribute('lang')).to.equal('en');
      } finally {
        setLocaleLoader([], () => Promise.resolve());
      }
    });

    it('an empty slotted text falls back to the default: the button and the dialog keep a name', async () => {
      const el = await fixture<SessionTimeoutElement>(html`
        <fake-time-timeout warn-after="60" expire-after="90" logout-url="/fake-logout">
          <span slot="heading"> </span><span slot="warning"></span>
          <span slot="extend-label"></span><span slot="logout-label"></span>
        </fake-time-timeout>`);
      await fullView(el);
      time.advance(60_000);
      await el.updateComplete;
      await Promise.all(dialogOf(el).getAnimations().map((animation) => animation.finished));
      expect(part(el, 'heading')!.textContent!.trim()).to.equal('Are you still there?');
      expect(part(el, 'message')!.textContent).to.include('inactive');
      expect(part(el, 'extend-button')!.textContent!.trim()).to.equal('Stay signed in');
      expect(part(el, 'logout-button')!.textContent!.trim()).to.equal('Sign out now');
      await expect(el).to.be.accessible();
      el.querySelector('[slot="extend-label"]')!.textContent = 'Keep me in';
      await waitUntil(() => part(el, 'extend-button')!.querySelector('slot'), 'a filled slot wins again');
    });

    it('the page behind the warning does not scroll; its own overflow is restored exactly after', async () => {
      const scroller = document.scrollingElement as HTMLElement;
      scroller.style.setProperty('overflow-y', 'scroll');
      const tall = await fixture<HTMLDivElement>(html`<div style="height: 5000px"></div>`);
      try {
        const el = await fixture<SessionTimeoutElement>(html`<fake-time-timeout warn-after="60" expire-after="90"></fake-time-timeout>`);
        await fullView(el);
        time.advance(60_000);
        await el.updateComplete;
        expect(getComputedStyle(scroller).overflowY, 'no wheel or touch scrolling behind the modal').to.equal('hidden');
        el.extend();
        await el.updateComplete;
        expect(scroller.getAttribute('style')).to.equal('overflow-y: scroll;');
      } finally {
        scroller.style.removeProperty('overflow-y');
        tall.remove();
      }
    });
  });

  describe('the page’s own sign-out form', () => {
    it('submitting a form that posts to logout-url ends every tab; a cancelled one does not', async () => {
      const channel = `test-${Math.random()}`;
      const wrapper = await fixture<HTMLElement>(html`<div>
        <iframe name="sink"></iframe>
        <form method="post" action="/sign-out" target="sink"><button>Sign out</button></form>
        <navigating-timeout logout-url="/sign-out" channel=${channel}></navigating-timeout>
      </div>`);
      const other = await fixture<NavigatingTimeout>(html`<navigating-timeout channel=${channel}></navigating-timeout>`);
      const here = wrapper.querySelector<NavigatingTimeout>('navigating-timeout')!;
      const form = wrapper.querySelector('form')!;

      const cancel = (event: Event) => event.preventDefault();
      form.addEventListener('submit', cancel);
      form.requestSubmit();
      await aTimeout(50);
      expect(other.state, 'the app cancelled the submission').to.equal('active');
      form.removeEventListener('submit', cancel);

      const ended = oneEvent(other, 'session-timeout-expire');
      form.requestSubmit();
      expect((await ended).reason).to.equal('logout');
      expect(here.state).to.equal('expired');
      expect(here.navigations, 'the form’s answer decides where this tab goes').to.deep.equal([]);
    });
  });
});
