import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SessionTimeoutElement } from '../../src/session-timeout.js';
import { TitleAlert, titlePrefix, type VisibilitySource } from '../../src/element/title-alert.js';
import { FakeTime } from './fake-time.js';

/** A page whose visibility the test sets. */
class FakeVisibility implements VisibilitySource {
  hidden = false;
  readonly #listeners = new Set<() => void>();
  subscribe(listener: () => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  set(hidden: boolean) {
    this.hidden = hidden;
    for (const listener of this.#listeners) listener();
  }
  get listeners() {
    return this.#listeners.size;
  }
}

describe('TitleAlert', () => {
  let original: string;
  let visibility: FakeVisibility;
  let alert: TitleAlert;
  beforeEach(() => {
    original = document.title;
    // White space kept as written: a restored title is the page's exact text, not document.title's collapsed one.
    document.title = '  Inbox   (3) ';
    visibility = new FakeVisibility();
    alert = new TitleAlert(document, visibility);
  });
  afterEach(() => {
    alert.dispose();
    document.title = original;
  });
  const text = () => document.querySelector('title')!.textContent;

  it('formats the time left as (m:ss), rounded up as the countdown shows it', () => {
    expect(titlePrefix(45)).to.equal('(0:45) ');
    expect(titlePrefix(44.2)).to.equal('(0:45) ');
    expect(titlePrefix(125)).to.equal('(2:05) ');
    expect(titlePrefix(-1)).to.equal('(0:00) ');
  });

  it('while the warning is open and the page hidden, the title starts with the time left, each update', () => {
    alert.update(true, 45);
    expect(text(), 'visible: untouched').to.equal('  Inbox   (3) ');
    visibility.set(true);
    expect(text(), 'hidden: at once').to.equal('(0:45)   Inbox   (3) ');
    alert.update(true, 44);
    expect(text()).to.equal('(0:44)   Inbox   (3) ');
  });

  it('restores the exact title when the page is shown, and when the warning closes', () => {
    visibility.set(true);
    alert.update(true, 45);
    visibility.set(false);
    expect(text(), 'shown').to.equal('  Inbox   (3) ');
    visibility.set(true);
    expect(text()).to.equal('(0:45)   Inbox   (3) ');
    alert.update(false, 120);
    expect(text(), 'warning closed').to.equal('  Inbox   (3) ');
  });

  it('keeps a title the page set meanwhile, instead of restoring the old one', () => {
    visibility.set(true);
    alert.update(true, 45);
    document.title = 'Inbox (4)';
    alert.update(true, 44);
    expect(text(), 'the new title, prefixed').to.equal('(0:44) Inbox (4)');
    document.title = 'Inbox (5)';
    alert.update(false, 120);
    expect(text()).to.equal('Inbox (5)');
  });

  it('a page without a title gets none back', () => {
    document.querySelector('title')?.remove();
    visibility.set(true);
    alert.update(true, 5);
    expect(document.title).to.equal('(0:05)');
    alert.update(false, 0);
    expect(document.querySelector('title')).to.equal(null);
  });

  it('dispose() restores the title and stops listening', () => {
    visibility.set(true);
    alert.update(true, 45);
    alert.dispose();
    expect(text()).to.equal('  Inbox   (3) ');
    expect(visibility.listeners).to.equal(0);
  });
});

describe('<session-timeout> title alert', () => {
  let time = new FakeTime();
  class TitledTimeout extends SessionTimeoutElement {
    static override timing = { now: time.clock, scheduler: time };
  }
  TitledTimeout.define('titled-timeout');
  let original: string;
  let hidden = false;
  /** The page hidden or shown, as the browser tells it (`visibilityState`, then `visibilitychange`). */
  const setHidden = (value: boolean) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  /** The title once the element's updates went through (the alert is fetched when a warning first opens). */
  const title = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    return document.title;
  };
  beforeEach(() => {
    time = new FakeTime();
    TitledTimeout.timing = { now: time.clock, scheduler: time };
    original = document.title;
    document.title = 'Reports';
    hidden = false;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  });
  afterEach(() => {
    delete (document as { visibilityState?: unknown }).visibilityState;
    document.title = original;
  });

  it('counts down in the title of a hidden page while the warning is open, restored when shown', async () => {
    const el = await fixture<SessionTimeoutElement>(html`<titled-timeout warn-after="60" expire-after="120"></titled-timeout>`);
    setHidden(true);
    time.advance(60_000);
    await el.updateComplete;
    expect(el.state).to.equal('warning');
    await waitUntil(() => document.title == '(1:00) Reports', 'the countdown in the title');
    time.advance(15_000);
    expect(await title(), 'each second').to.equal('(0:45) Reports');
    setHidden(false);
    expect(document.title, 'shown: at once').to.equal('Reports');
    setHidden(true);
    expect(await title()).to.equal('(0:45) Reports');
    el.extend();
    await el.updateComplete;
    expect(await title(), 'the warning closed').to.equal('Reports');
  });

  it('title-alert="off" leaves the title alone', async () => {
    const el = await fixture<SessionTimeoutElement>(html`<titled-timeout title-alert="off" warn-after="60" expire-after="120"></titled-timeout>`);
    expect(el.titleAlert).to.equal(false);
    setHidden(true);
    time.advance(61_000);
    await el.updateComplete;
    expect(el.state).to.equal('warning');
    expect(await title()).to.equal('Reports');
    el.removeAttribute('title-alert');
    await el.updateComplete;
    expect(el.titleAlert, 'on by default').to.equal(true);
    time.advance(1_000);
    await waitUntil(() => document.title == '(0:58) Reports', 'on again: the countdown');
  });
});
