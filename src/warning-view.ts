/**
 * What `<session-timeout>` shows: the warning (idle or absolute), the dialog that keeps unsaved work,
 * the expired state, and what is spoken. Loaded by the element the first time it has something to
 * show (contract §1: the session's protection never waits for it), so a page on which nobody goes
 * idle never downloads it: the texts, the languages, the styles and the focus handling live here.
 *
 * @module
 */
import { supportsAdoptingStyleSheets, type ReactiveController, type ReactiveElement } from '@lit/reactive-element';
import { html, nothing, render } from 'lit/html.js';
import type { SessionTimeoutController } from './controller.js';
import { keptWorkView } from './kept-work.js';
import { clockTime, countdown, declaredLanguage, durationInWords, fill, resolveLanguage, text, type Language } from './language.js';
import { LOCALE_EVENT, registeredLocales } from './locale-registry.js';
import { styles } from './session-timeout.styles.js';
import type { TextKey } from './texts.js';

/** What the view reads of its element, and the element's actions it offers. */
export interface ViewHost {
  readonly element: ReactiveElement;
  readonly controller: SessionTimeoutController;
  /** The announcement for the idle warning: the element's (overridable) `announcementText`. */
  announcementText(remaining: number): string;
  /** What the last action did, spoken once the dialog closed; `''`: nothing. */
  outcome(): TextKey | '';
  /** The open warning found unsaved work. */
  unsavedAtWarning(): boolean;
  /** The session ended and the page keeps unsaved work (the dialog hides it). */
  keptWork(): boolean;
  /** `logout-url` when usable. */
  logoutUrl(): string | null;
  extend(): void;
  dismiss(): void;
  signIn(): void;
  leave(): void;
  logout(): void;
  warn(message: string): void;
}

/**
 * The element's view, a controller added to it once loaded: renders, moves focus into the dialog and
 * back, speaks on opening and then at most every 20–30 s, and follows the `lang` in force.
 */
export class WarningView implements ReactiveController {
  readonly #host: ViewHost;
  /** The language of the last render (contract §6): resolved on every render, which is cheap and follows `lang` changes. */
  #language: Language = { tag: 'en', locale: null };
  #langObserver?: MutationObserver;
  #announcement = '';
  #announcedAt = 0;
  #lastTick = 0;
  /** What the dialog showed at the last update: a warning's reason, `kept`, or nothing. */
  #shownKind: string | null = null;
  #returnFocus: HTMLElement | null = null;
  /** Where constructable style sheets are missing (Safari before 16.4): a `<style>` rendered first. */
  readonly #style: HTMLStyleElement | typeof nothing = nothing;

  constructor(host: ViewHost) {
    this.#host = host;
    const root = host.element.renderRoot as ShadowRoot;
    if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet!];
    else this.#style = Object.assign(document.createElement('style'), { textContent: styles.cssText });
    host.element.addController(this);
  }

  hostConnected(): void {
    // A change of `lang` (own, an ancestor's, the page's) or a locale arriving re-renders.
    this.#langObserver = new MutationObserver(this.#rerender);
    this.#langObserver.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    addEventListener(LOCALE_EVENT, this.#rerender);
  }

  hostDisconnected(): void {
    this.#langObserver?.disconnect();
    removeEventListener(LOCALE_EVENT, this.#rerender);
  }

  /** The warning opened: spoken now (the dialog's own announcement may be cut short), then at most every 20–30 s. */
  opened(): void {
    const { controller } = this.#host;
    const seconds = Math.ceil(controller.remaining);
    this.#resolveLanguage();
    this.#announcement = controller.warningReason == 'absolute'
      ? fill(this.#text('announceAbsolute'), { time: this.#endTime() })
      : this.#host.announcementText(seconds);
    this.#announcedAt = this.#lastTick = seconds;
  }

  /**
   * Speaks the time left at most every 20–30 s: at each whole minute, at 30 s and at 10 s, never
   * within 20 s of the previous message or of the warning opening. Never every second.
   */
  tick(remaining: number): void {
    const now = Math.ceil(remaining);
    const previous = this.#lastTick;
    const crossed = (mark: number) => now <= mark && mark < previous;
    this.#lastTick = now;
    if ((crossed(30) || crossed(10) || crossed(Math.ceil(now / 60) * 60)) && this.#announcedAt - now >= 20) {
      this.#announcedAt = now;
      this.#announcement = this.#host.announcementText(now);
    }
  }

  /** The idle warning's announcement in the element's language (the locale's `announceIdle`). */
  idleAnnouncement(remaining: number): string {
    return fill(this.#text('announceIdle'), { duration: this.#words(remaining) });
  }

  /** Renders into the element's shadow root (lit-html, which only pages that show something load). */
  update(): void {
    const { element } = this.#host;
    render(this.#template(), element.renderRoot, { host: element });
  }

  #template() {
    const host = this.#host;
    const state = host.controller.state;
    const kept = host.keptWork() && state == 'expired';
    const { tag } = this.#resolveLanguage();
    const outcome = host.outcome();
    return html`${this.#style}
      <dialog lang=${tag} part="dialog" role="alertdialog" aria-modal="true" aria-labelledby="heading" class=${kept ? 'kept' : ''}
              aria-describedby=${kept ? 'message' : 'message countdown'} @cancel=${this.#onCancel} @close=${this.#onClose}
              @keydown=${this.#keepFocusInside}>
        ${kept ? keptWorkView(this.#show, host.signIn, host.leave) : this.#warningView()}
      </dialog>
      <div lang=${tag} role="status"><span class="sr-only">${outcome && this.#show(outcome)}</span>${state == 'expired' && !kept
        ? html`<div part="expired"><slot name="expired"><p>${this.#show('expired')}</p>
            <a href=${location.href}>${this.#show('signInAgain')}</a></slot></div>`
        : nothing}</div>
    `;
  }

  /** The warning: idle or absolute, with the countdown and the actions. */
  #warningView() {
    const host = this.#host;
    const remaining = Math.ceil(host.controller.remaining);
    const absolute = host.controller.warningReason == 'absolute';
    const logoutUrl = host.logoutUrl();
    return html`
        ${absolute ? this.#absoluteTexts() : this.#idleTexts()}
        ${host.unsavedAtWarning()
          ? html`<p part="unsaved"><slot name="unsaved">${this.#show('unsaved')}</slot></p>`
          : nothing}
        <p id="countdown"><span class="label">${this.#show('timeLeft')}</span>
          <bdi part="countdown" role="timer">${countdown(remaining, this.#language.tag)}</bdi></p>
        <div class="sr-only" role="status">${this.#announcement}</div>
        <div class="actions">
          ${absolute
            ? html`<button part="dismiss-button" class="primary" @click=${host.dismiss}><slot name="dismiss-label">${this.#show('dismiss')}</slot></button>`
            : html`<button part="extend-button" class="primary" @click=${host.extend}><slot name="extend-label">${this.#show('extend')}</slot></button>`}
          ${logoutUrl
            ? html`<form method="post" action=${logoutUrl} @submit=${host.logout}>
                <button part="logout-button"><slot name="logout-label">${this.#show('logout')}</slot></button>
              </form>`
            : nothing}
        </div>`;
  }

  /** The idle warning: the user can stay. */
  #idleTexts() {
    const { warnAfter, expireAfter } = this.#host.controller.durations;
    return html`
      <h2 id="heading" part="heading"><slot name="heading">${this.#show('heading')}</slot></h2>
      <div id="message" part="message"><slot name="warning"><p>${this.#show('warning', {
        inactive: this.#words(warnAfter), limit: this.#words(expireAfter),
      })}</p></slot></div>`;
  }

  /** The absolute warning: the session ends at a fixed time whatever the user does; say when, and to save. */
  #absoluteTexts() {
    return html`
      <h2 id="heading" part="heading"><slot name="absolute-heading">${this.#show('absoluteHeading')}</slot></h2>
      <div id="message" part="message"><slot name="absolute-warning"><p>${this.#show('absoluteWarning', {
        time: this.#endTime(),
      })}</p></slot></div>`;
  }

  /** The clock time of the absolute end, in the element's language. */
  #endTime(): string {
    return clockTime(this.#host.controller.engine?.expireAt ?? Date.now(), this.#language.tag);
  }

  /** A duration in words in the element's language. */
  #words(seconds: number): string {
    const { tag, locale } = this.#language;
    return durationInWords(seconds, tag, locale ? registeredLocales.get(locale)?.units : undefined);
  }

  /** The text for `key` in the element's language (English where the locale has none). */
  #text(key: TextKey): string {
    return text(this.#language, key)[0];
  }

  /** A text to render: English that stands in for a missing translation is marked `lang="en"` (WCAG 3.1.2). */
  readonly #show = (key: TextKey, values?: Record<string, string>) => {
    const [words, english] = text(this.#language, key);
    const filled = values ? fill(words, values) : words;
    return english ? html`<span lang="en">${filled}</span>` : filled;
  };

  /** Resolves the element's language again (contract §6); cheap, so done on every render, never per activity event. */
  #resolveLanguage(): Language {
    return (this.#language = resolveLanguage(declaredLanguage(this.#host.element), this.#host.warn));
  }

  hostUpdated(): void {
    const { element, controller, keptWork } = this.#host;
    const dialog = element.renderRoot.querySelector('dialog')!;
    const kind = controller.state == 'warning' ? controller.warningReason : keptWork() && controller.state == 'expired' ? 'kept' : null;
    const modal = kind != null;
    // `:modal`, not `open`: moving the element in the DOM leaves the dialog open but no longer modal
    // (the page not inert, focus not inside), and it must be shown modal again.
    if (modal && !dialog.matches(':modal') && element.isConnected) {
      if (dialog.open) dialog.close();
      else {
        let focused = document.activeElement;
        while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
        this.#returnFocus = focused as HTMLElement | null;
      }
      dialog.showModal();
      this.#focusFirst(dialog);
    } else if (modal && kind != this.#shownKind) {
      this.#focusFirst(dialog); // new content (the session ended with kept work): its first action
    } else if (!modal && dialog.open) {
      dialog.close();
      this.#returnFocus?.focus();
      this.#returnFocus = null;
    }
    this.#shownKind = kind;
  }

  /**
   * Focuses the dialog's first action without scrolling: the heading and message come first, and at
   * 400 % zoom the dialog scrolls.
   */
  #focusFirst(dialog: HTMLDialogElement): void {
    this.#host.element.renderRoot.querySelector<HTMLElement>('.primary')!.focus({ preventScroll: true });
    dialog.scrollTop = 0;
  }

  readonly #rerender = (): void => this.#host.element.requestUpdate();

  /** Escape: the dialog's `cancel`. Kept open by us, then closed by extending (an absolute warning: dismissing). */
  readonly #onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.#host.controller.state == 'warning') this.#host.extend();
  };

  /**
   * Tab and Shift+Tab cycle through the dialog's buttons: a modal dialog lets focus leave for the
   * browser's own controls once per cycle, which loses keyboard and screen-reader users.
   */
  readonly #keepFocusInside = (event: KeyboardEvent): void => {
    if (event.key != 'Tab') return;
    const root = this.#host.element.renderRoot as ShadowRoot;
    const buttons = [...root.querySelectorAll<HTMLElement>('dialog button')];
    const at = buttons.indexOf(root.activeElement as HTMLElement);
    const next = event.shiftKey ? (at <= 0 ? buttons.length - 1 : at - 1) : (at + 1) % buttons.length;
    event.preventDefault();
    buttons[next]!.focus();
  };

  /** The browser may close the dialog on its own (e.g. a repeated Escape): that extends too. */
  readonly #onClose = (): void => {
    const { element, controller } = this.#host;
    // Closed by us to be shown modal again (the element moved): already open again.
    if (element.renderRoot.querySelector('dialog')!.open) return;
    if (controller.state == 'warning') this.#host.extend();
    // Kept work must never show: the dialog opens again at once.
    else if (this.#host.keptWork()) element.requestUpdate();
  };
}
