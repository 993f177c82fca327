/**
 * `<session-timeout>` when its full view cannot be loaded (offline at that moment, a CSP that blocks
 * it): the fallback warning opens, the session still ends on time, one console warning says why, and a
 * page that must keep unsaved work stays behind the fallback's opaque modal rather than readable
 * (fails closed). A file of its own: the CSP that blocks the view is page-wide and cannot be taken back.
 */
import { notePageInput } from '../../src/browser/activity.js';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/session-timeout-define.js';
import { SessionTimeoutElement } from '../../src/session-timeout.js';
import type { SessionTimeoutExpireEvent } from '../../src/element/events.js';

class KeepingTimeout extends SessionTimeoutElement {
  navigations: string[] = [];
  protected override navigate(url: string): void {
    this.navigations.push(url);
  }
}
KeepingTimeout.define('keeping-timeout');

describe('<session-timeout> without its view', () => {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  before(() => {
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    // From now on no script can be fetched: the view (loaded only when needed) never arrives.
    const csp = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "script-src 'none'" });
    document.head.append(csp);
  });
  after(() => {
    console.warn = originalWarn;
    document.documentElement.style.visibility = '';
  });

  it('warns with the fallback, ends the session on time, says why once, and hides a page whose unsaved work it keeps', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input name="notes" value=""></form>`);
    form.querySelector('input')!.value = 'ten minutes of careful typing';
    const el = await fixture<KeepingTimeout>(html`<keeping-timeout warn-after="0.3" expire-after="0.8" redirect-url="/login"></keeping-timeout>`);
    const started = performance.now();
    await oneEvent(el, 'session-timeout-warn');
    await el.updateComplete;
    const warning = el.shadowRoot!.querySelector('dialog')!;
    expect(warning.open && warning.matches(':modal'), 'the fallback warning, modal').to.equal(true);
    expect(warning.textContent).to.include('signed out in');
    const expired = (await oneEvent(el, 'session-timeout-expire')) as SessionTimeoutExpireEvent;
    expect(performance.now() - started, 'on time').to.be.within(600, 1500);
    expect(expired.unsavedWork, 'the page keeps unsaved work').to.equal(true);
    await el.updateComplete;
    expect(el.state).to.equal('expired');
    const dialogs = el.shadowRoot!.querySelectorAll('dialog');
    expect(dialogs.length, 'the fallback alone: no full view').to.equal(1);
    const kept = dialogs[0]!;
    expect(kept.open && kept.matches(':modal'), 'the work is not left readable or reachable').to.equal(true);
    expect(getComputedStyle(kept, '::backdrop').backgroundColor, 'an opaque backdrop').to.match(/^rgb\(/);
    expect(el.shadowRoot!.activeElement!.textContent).to.equal('Sign in again');
    expect(el.navigations, 'the work is kept, not thrown away by leaving').to.deep.equal([]);
    await waitUntil(() => warnings.some((w) => w.includes('could not load its full warning')), 'no console warning');
    await aTimeout(20);
    expect(warnings.filter((w) => w.includes('could not load its full warning'))).to.have.length(1);
    // The warning under 20 s is still said, in plain words, though its message could not be loaded either.
    expect(warnings.filter((w) => w.includes('has a configuration problem'))).to.have.length(1);
  });

  it('counts down in the title of a hidden page with the fallback warning too, and restores it', async () => {
    const original = document.title;
    document.title = 'Reports';
    let hidden = true;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    try {
      notePageInput(); // an element counts from the page's last input: from now, not from earlier tests
      const el = await fixture<KeepingTimeout>(html`<keeping-timeout warn-after="0.3" expire-after="10" redirect-url="/login"></keeping-timeout>`);
      await oneEvent(el, 'session-timeout-warn');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('dialog'), 'the fallback alone').to.have.length(1);
      expect(document.title).to.match(/^\(0:(09|10)\) Reports$/);
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      expect(document.title).to.equal('Reports');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      document.title = original;
    }
  });
});
