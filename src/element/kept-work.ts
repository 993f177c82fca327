/**
 * What an ended page shows when it keeps the user's unsaved work (WCAG 2.2.5, re-authenticating
 * without loss of data): inside the modal dialog, over an opaque backdrop, so whoever sits down next
 * can neither see nor reach the page. Nothing is written to any storage: the work stays in memory.
 *
 * @module
 */
import { html } from 'lit/html.js';
import type { TextKey } from '../i18n/texts.js';

/**
 * The expired dialog's content, its texts from `show` (the element's language) inside `slot`; `signIn` opens the
 * sign-in page in a new tab, `leave` gives the work up.
 */
export function keptWorkView(
  show: (key: TextKey) => unknown,
  slot: (name: string, fallback: unknown) => unknown,
  signIn: () => void,
  leave: () => void,
) {
  return html`
    <h2 id="heading" part="heading">${slot('kept-heading', show('keptHeading'))}</h2>
    <div id="message" part="message expired">${slot('kept-work', html`<p>${show('keptWork')}</p>`)}</div>
    <div class="actions">
      <button part="sign-in-button" class="primary" @click=${signIn}>${slot('sign-in-label', show('signInAgain'))}</button>
      <button part="leave-button" @click=${leave}>${slot('leave-label', show('leave'))}</button>
    </div>`;
}
