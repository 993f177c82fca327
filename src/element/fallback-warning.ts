/**
 * The warning that is always there: part of the first download, with no lit-html, no texts module and
 * no language, so that the user is warned even when the full view (`warning-view.ts`) could not be
 * fetched — offline at that moment, or a deploy that removed its old chunk while the tab stayed open.
 * A native modal `<dialog>`: one English sentence with the time left, counted from the deadline each
 * second, and the button that stays (Escape too); after the end with kept work, an opaque dialog that
 * hides the page until the user signs in again. The full view takes over as soon as it arrives.
 *
 * @module
 */
import { css, supportsAdoptingStyleSheets } from '@lit/reactive-element';
import { lockScroll } from './scroll-lock.js';
import { textLayoutReset } from './text-layout-reset.js';

/** What the fallback shows: a warning (`idle` can be extended, `absolute` cannot), kept work after the end, or nothing. */
export type FallbackKind = 'idle' | 'absolute' | 'kept' | null;

/** The element's actions the fallback offers. */
export interface FallbackActions {
  /** Stay signed in (idle), or close the absolute warning. */
  stay(): void;
  signIn(): void;
  leave(): void;
}

/** Scoped to `.fallback`: the full view's styles join the same shadow root later. */
const styles = css`
  .fallback {
    box-sizing: border-box;
    width: min(28rem, 100vw - 1rem);
    padding: 1.5rem;
    border: 2px solid CanvasText;
    background: Canvas;
    color: CanvasText;
    ${textLayoutReset}
    overscroll-behavior: contain;
  }
  .fallback::backdrop {
    background: #0008;
  }
  .fallback.kept::backdrop {
    background: Canvas;
  }
  .fallback button {
    margin: 0.25rem 0.5rem 0 0;
    padding: 0.75rem 1rem;
    font: inherit;
  }
`;

/** Per kind: the sentence, the button's label and its part (the full view's names). */
const TEXTS = {
  idle: ['You will be signed out in {t} unless you choose to stay signed in.', 'Stay signed in', 'extend-button'],
  absolute: ['Your session ends in {t} and cannot be extended. Save your work now.', 'OK', 'dismiss-button'],
  kept: ['Your session has ended. Your unsaved changes are still here, hidden: sign in again in a new tab, then come back.', 'Sign in again', 'sign-in-button'],
} as const;

/** `m:ss`. */
const minutesAndSeconds = (seconds: number) => `${(seconds / 60) | 0}:${String(seconds % 60).padStart(2, '0')}`;

/** The deepest focused element, across shadow roots: where focus returns once the warning closed. */
export function deepActiveElement(): HTMLElement | null {
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  return focused as HTMLElement | null;
}

/** The fallback warning of one element, rendered into its shadow root when the full view is not there. */
export class FallbackWarning {
  readonly #root: ShadowRoot;
  readonly #actions: FallbackActions;
  #dialog?: HTMLDialogElement;
  #kind: FallbackKind = null;
  /** Shown modal by us and still in the top layer (not `:modal`, which Chrome < 105, Firefox < 103, Safari < 15.6 lack). */
  #modal = false;
  #returnFocus: HTMLElement | null = null;
  #unlockScroll?: () => void;

  constructor(root: ShadowRoot, actions: FallbackActions) {
    this.#root = root;
    this.#actions = actions;
  }

  /** Whether the fallback is on screen. */
  get shown(): boolean {
    return this.#kind != null;
  }

  /** Shows `kind` with `remaining` seconds (whole seconds, from the deadline), or hides the fallback. */
  update(kind: FallbackKind, remaining: number): void {
    if (!kind) return this.#hide(true);
    const dialog = this.#dialog ?? this.#build();
    const [sentence, label, part] = TEXTS[kind];
    dialog.className = `fallback ${kind}`;
    dialog.querySelector('p')!.textContent = sentence.replace('{t}', minutesAndSeconds(Math.max(0, Math.ceil(remaining))));
    const [primary, leave] = dialog.querySelectorAll('button');
    primary!.textContent = label;
    primary!.setAttribute('part', part);
    leave!.hidden = kind != 'kept';
    if (!this.#modal && this.#root.host.isConnected) {
      if (dialog.open) dialog.close(); // open but out of the top layer: the element moved
      else this.#returnFocus = deepActiveElement();
      dialog.showModal();
      this.#modal = true;
      this.#unlockScroll ??= lockScroll();
      primary!.focus({ preventScroll: true });
    } else if (kind != this.#kind) primary!.focus({ preventScroll: true });
    this.#kind = kind;
  }

  /** The element left the document: its dialog left the top layer, and is shown modal again on return. */
  disconnected(): void {
    this.#modal = false;
    this.#unlockScroll?.();
    this.#unlockScroll = undefined;
  }

  /**
   * The full view arrived: the fallback goes, and gives the view the element focus returns to once
   * the warning closes (the fallback's own button is about to disappear).
   */
  handOver(): HTMLElement | null {
    const returnFocus = this.#returnFocus;
    this.#hide(false);
    this.#dialog?.remove();
    this.#dialog = undefined;
    return returnFocus;
  }

  #hide(restoreFocus: boolean): void {
    const dialog = this.#dialog;
    this.#kind = null;
    this.#modal = false;
    this.#unlockScroll?.();
    this.#unlockScroll = undefined;
    if (dialog?.open) dialog.close();
    if (restoreFocus) this.#returnFocus?.focus();
    this.#returnFocus = null;
  }

  #build(): HTMLDialogElement {
    const dialog = document.createElement('dialog');
    // English whatever the page's language: the texts of other languages come with the full view.
    Object.assign(dialog, { lang: 'en', role: 'alertdialog', id: 'fallback' });
    dialog.setAttribute('part', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'fallback-text');
    dialog.innerHTML = '<p id="fallback-text"></p><button></button><button part="leave-button">Leave without saving</button>';
    const [primary, leave] = dialog.querySelectorAll('button');
    primary!.onclick = () => (this.#kind == 'kept' ? this.#actions.signIn() : this.#actions.stay());
    leave!.onclick = () => this.#actions.leave();
    // Escape: stay (an absolute warning only closes); kept work is never uncovered.
    dialog.oncancel = (event) => {
      event.preventDefault();
      if (this.#kind != 'kept') this.#actions.stay();
    };
    // Closed by the browser on its own: kept work shows again at once; a warning counts as staying.
    dialog.onclose = () => {
      // Hidden by us, or closed by us to be shown modal again (the element moved): nothing to do.
      if (!this.#kind || dialog.open) return;
      this.#modal = false;
      if (this.#kind == 'kept') this.update('kept', 0);
      else this.#actions.stay();
    };
    if (supportsAdoptingStyleSheets) this.#root.adoptedStyleSheets = [...this.#root.adoptedStyleSheets, styles.styleSheet!];
    else dialog.append(Object.assign(document.createElement('style'), { textContent: styles.cssText }));
    this.#root.append(dialog);
    return (this.#dialog = dialog);
  }
}
