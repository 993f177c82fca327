/**
 * `<session-timeout>` when the full view's module cannot be fetched (issue 20, defect 2): it answers
 * 404 (a deploy removed the old chunk), 500, or never answers. The warning still opens on time (the
 * fallback), a failed fetch is tried again and never kept as a success, and the full view takes over
 * once it arrives. The fake server (test/browser/fake-server.mjs, `/fake-chunk`) decides what the
 * view's module answers; one page for the whole file, so the module map remembers what it fetched.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/session-timeout-define.js';
import { SessionTimeoutElement } from '../../src/session-timeout.js';
import { FakeTime } from './fake-time.js';

let time = new FakeTime();
class ChunkTimeout extends SessionTimeoutElement {
  static override timing = { now: time.clock, scheduler: time };
}
ChunkTimeout.define('chunk-timeout');
/**
 * A new fake clock for each test, as for a new page: an element starts from its page's last input
 * (or the page's load), so a test on the previous test's clock would start long idle.
 */
function newPage() {
  time = new FakeTime();
  ChunkTimeout.timing = { now: time.clock, scheduler: time };
}

const VIEW = '/src/element/warning-view.ts';
const serveView = (script: string[]) => fetch('/fake-chunk', { method: 'PUT', body: JSON.stringify({ path: VIEW, script }) });
const viewRequests = async () => ((await (await fetch('/fake-chunk')).json()) as { requests: number }).requests;

/** `:modal` through the engine's own matches (these engines have it), whatever a test stubbed. */
const isModal = (dialog: Element) => Element.prototype.matches.call(dialog, ':modal');
const openDialog = (el: Element) => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[open]');
const focusedPart = (el: Element) => el.shadowRoot!.activeElement?.getAttribute('part');

let warnings: string[] = [];
const originalWarn = console.warn;

describe('the view’s module unavailable', () => {
  beforeEach(() => {
    newPage();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(async () => {
    console.warn = originalWarn;
    await fetch('/fake-chunk', { method: 'DELETE' });
  });

  for (const answer of ['404', '500', 'hang']) {
    it(`answering ${answer}: the warning opens on time, modal, and the session still ends on time`, async function () {
      this.timeout(12_000); // the first idle moment (≤ 2 s), the accessibility audit, a hanging fetch waited for ≤ 1 s
      await serveView([answer]);
      const el = await fixture<ChunkTimeout>(html`<chunk-timeout warn-after="60" expire-after="90"></chunk-timeout>`);
      let extended = 0;
      el.addEventListener('session-timeout-extend', () => extended++);
      // Asked for long before the warning is due (at 60 s of the fake clock): the idle callback's 2 s, and
      // the test server's answer, which with the three engines side by side can take a few seconds more.
      await waitUntil(async () => (await viewRequests()) > 0, 'the view is fetched at the first idle moment', { timeout: 6000 });
      time.advance(60_000);
      expect(el.state).to.equal('warning');
      await waitUntil(() => openDialog(el), 'a warning on screen', { timeout: 3000 });
      const dialog = openDialog(el)!;
      expect(isModal(dialog), 'modal: the page behind is inert').to.equal(true);
      expect(dialog.getAttribute('role')).to.equal('alertdialog');
      expect(dialog.textContent).to.include('0:30');
      expect(focusedPart(el)).to.equal('extend-button');
      await expect(el).to.be.accessible();
      time.advance(1_000);
      await el.updateComplete;
      expect(openDialog(el)!.textContent, 'counts down from the deadline').to.include('0:29');
      (el.shadowRoot!.activeElement as HTMLElement).click();
      expect(el.state).to.equal('active');
      expect(extended).to.equal(1);
      await el.updateComplete;
      expect(openDialog(el), 'closed by staying').to.equal(null);
      time.advance(90_000);
      expect(el.state, 'fails closed: the end comes on time').to.equal('expired');
      if (answer != 'hang') expect(warnings.filter((w) => w.includes('could not load its full warning'))).to.have.length(1);
    });
  }

  // Last: once the view arrived, WebKit (which fetches a failed import again) has it for the page.
  it('a failed fetch is tried again; arriving while the fallback is open, the full view takes over: focus stays in the dialog, and returns where it was once the user stays', async function () {
    this.timeout(10_000);
    await serveView(['500']);
    const input = await fixture<HTMLInputElement>(html`<input aria-label="notes">`);
    input.focus();
    const el = await fixture<ChunkTimeout>(html`<chunk-timeout warn-after="60" expire-after="90"></chunk-timeout>`);
    await waitUntil(() => warnings.some((w) => w.includes('could not load its full warning')), 'the first fetch fails', { timeout: 3000 });
    time.advance(60_000);
    await waitUntil(() => openDialog(el), 'the fallback');
    expect(openDialog(el)!.querySelector('h2'), 'the fallback: no heading').to.equal(null);
    await serveView(['ok']);
    time.advance(10_000); // the retries' backoff
    await waitUntil(() => openDialog(el)?.querySelector('h2'), 'the full view took over');
    expect(openDialog(el)!.querySelector('h2')!.textContent).to.equal('Are you still there?');
    expect(el.shadowRoot!.querySelectorAll('dialog'), 'the fallback is gone').to.have.length(1);
    expect(isModal(openDialog(el)!)).to.equal(true);
    expect(focusedPart(el), 'focus in the full view').to.equal('extend-button');
    (el.shadowRoot!.activeElement as HTMLElement).click();
    await el.updateComplete;
    expect(document.activeElement, 'focus back where it was').to.equal(input);
  });
});
