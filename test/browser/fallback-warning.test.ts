/**
 * The fallback warning alone (src/element/fallback-warning.ts): what shows when the full view is not there.
 * The element's use of it (a view that answers 404, 500 or hangs) is in view-loader.test.ts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FallbackWarning } from '../../src/element/fallback-warning.js';

/** A host with a shadow root, and the actions the fallback called. */
async function setUp() {
  const page = await fixture<HTMLDivElement>(html`<div><button id="before">Page button</button><div id="host"></div></div>`);
  const host = page.querySelector<HTMLElement>('#host')!;
  const root = host.attachShadow({ mode: 'open' });
  const calls: string[] = [];
  const fallback = new FallbackWarning(root, {
    stay: () => calls.push('stay'),
    signIn: () => calls.push('signIn'),
    leave: () => calls.push('leave'),
  });
  const before = page.querySelector<HTMLButtonElement>('#before')!;
  before.focus();
  const dialog = () => root.querySelector('dialog')!;
  return { page, host, root, fallback, calls, before, dialog };
}

describe('the fallback warning', () => {
  it('an accessible modal alertdialog in English: the time left from the deadline, focus into it and back', async () => {
    const { host, root, fallback, before, dialog } = await setUp();
    fallback.update('idle', 65.2);
    expect(dialog().open && dialog().matches(':modal')).to.equal(true);
    expect(dialog().getAttribute('role')).to.equal('alertdialog');
    expect(dialog().lang).to.equal('en');
    expect(dialog().textContent).to.include('signed out in 1:06');
    expect(root.activeElement!.textContent).to.equal('Stay signed in');
    await expect(host).to.be.accessible();
    fallback.update('idle', 9);
    expect(dialog().textContent).to.include('signed out in 0:09');
    fallback.update(null, 0);
    expect(dialog().open).to.equal(false);
    expect(document.activeElement, 'focus back where it was').to.equal(before);
  });

  it('the button and Escape stay; an absolute warning says it cannot be extended', async () => {
    const { root, fallback, calls, dialog } = await setUp();
    fallback.update('absolute', 30);
    expect(dialog().textContent).to.include('cannot be extended');
    (root.activeElement as HTMLElement).click();
    expect(calls).to.deep.equal(['stay']);
    // Escape: the dialog's cancel, and (Chromium, without a fresh user activation) its close too.
    await sendKeys({ press: 'Escape' });
    expect(calls.length).to.be.at.least(2);
    expect(new Set(calls)).to.deep.equal(new Set(['stay']));
  });

  it('over kept work: opaque, Escape uncovers nothing, sign in or leave', async () => {
    const { host, root, fallback, calls, dialog } = await setUp();
    fallback.update('kept', 0);
    expect(getComputedStyle(dialog(), '::backdrop').backgroundColor, 'opaque').to.match(/^rgb\(/);
    expect(root.activeElement!.textContent).to.equal('Sign in again');
    expect(root.activeElement!.getAttribute('part')).to.equal('sign-in-button');
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dialog().open && dialog().matches(':modal')).to.equal(true);
    (root.activeElement as HTMLElement).click();
    root.querySelector<HTMLElement>('[part="leave-button"]')!.click();
    expect(calls).to.deep.equal(['signIn', 'leave']);
    await expect(host).to.be.accessible();
  });

  it('hands over to the full view: gone, and where focus returns to', async () => {
    const { root, fallback, before } = await setUp();
    fallback.update('idle', 30);
    expect(fallback.handOver()).to.equal(before);
    expect(root.querySelector('dialog')).to.equal(null);
    expect(fallback.shown).to.equal(false);
  });

  it('its page text layout is its own (a centred page does not centre it)', async () => {
    const { page, fallback, dialog } = await setUp();
    page.style.textAlign = 'center';
    page.style.textTransform = 'uppercase';
    fallback.update('idle', 30);
    const style = getComputedStyle(dialog().querySelector('p')!);
    expect(style.textAlign).to.equal('start');
    expect(style.textTransform).to.equal('none');
    fallback.update(null, 0);
  });
});
