/**
 * What `<session-timeout>` shows: the warning (idle or absolute), the dialog that keeps unsaved work,
 * the expired state, and what is spoken. Fetched by the element at the first idle moment after start
 * (`view-loader.ts`), never waited for by the session's protection (contract §1): until it is there,
 * the fallback warning (`fallback-warning.ts`) shows. The texts, the languages, the styles and the
 * focus handling live here.
 *
 * @module
 */
import { supportsAdoptingStyleSheets, type ReactiveController, type ReactiveElement } from '@lit/reactive-element';
import { html, nothing, render } from 'lit/html.js';
import type { SessionTimeoutController } from '../controller.js';
import { keptWorkView } from './kept-work.js';
import { clockTime, countdown, declaredLanguage, durationInWords, fill, resolveLanguage, text, type Language } from '../i18n/language.js';
import { LOCALE_EVENT, registeredLocales } from '../i18n/registry.js';
import { styles } from './styles.js';
import type { TextKey } from '../i18n/texts.js';
import { deepActiveElement } from './fallback-warning.js';
import { lockScroll } from './scroll-lock.js';

/** Whether slotted `element` gives a name: text, or an image or label that names it. */
function hasContent(element: Element): boolean {
  const named = '[aria-label]:not([aria-label=""]),img[alt]:not([alt=""])';
  return element.textContent!.trim() != '' || element.matches(named) || element.querySelector(named) != null;
}

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
  /** The announcement is our English standing in for a text the locale lacks: marked `lang="en"`. */
  #announcedInEnglish = false;
  /** The language the announcement was made in: a locale arriving later makes it again (issue 20, 8). */
  #announcedIn = '';
  #announcedAt = 0;
  #lastTick = 0;
  /** What the dialog showed at the last update: a warning's reason, `kept`, or nothing. */
  #shownKind: string | null = null;
  #returnFocus: HTMLElement | null = null;
  /** Shown modal by us and still in the top layer (not `:modal`, which Chrome < 105, Firefox < 103, Safari < 15.6 lack). */
  #modal = false;
  #unlockScroll?: () => void;
  /** Opened in the fallback's place: focus returns where the fallback found it, not to the fallback's button. */
  #handedOver = false;
  /** Light-DOM changes can empty or fill a slot: the default text shows for an empty one. */
  #slotObserver?: MutationObserver;
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
    addEventListener(LOCALE_EVENT, this.#onLocale);
    this.#slotObserver = new MutationObserver(this.#rerender);
    this.#slotObserver.observe(this.#host.element, { childList: true, subtree: true, characterData: true, attributes: true });
  }

  hostDisconnected(): void {
    this.#langObserver?.disconnect();
    this.#slotObserver?.disconnect();
    removeEventListener(LOCALE_EVENT, this.#onLocale);
    // Out of the document, the dialog left the top layer: shown modal again on return.
    this.#modal = false;
    this.#unlockScroll?.();
    this.#unlockScroll = undefined;
  }

  /** The fallback warning was open: the view opens in its place, and focus returns where the fallback found it. */
  takeOver(returnFocus: HTMLElement | null): void {
    this.#returnFocus = returnFocus;
    this.#handedOver = true;
  }

  /** The warning opened: spoken now (the dialog's own announcement may be cut short), then at most every 20–30 s. */
  opened(): void {
    const { controller } = this.#host;
    const seconds = Math.ceil(controller.remaining);
    this.#resolveLanguage();
    this.#announce(seconds);
    this.#lastTick = seconds;
  }

  /** Makes the announcement for `seconds` left, in the language in force. */
  #announce(seconds: number): void {
    const absolute = this.#host.controller.warningReason == 'absolute';
    this.#announcement = absolute
      ? fill(this.#text('announceAbsolute'), { time: this.#endTime() })
      : this.#host.announcementText(seconds);
    // Ours (not an override of announcementText) and English where the locale has no such text.
    const key = absolute ? 'announceAbsolute' : 'announceIdle';
    this.#announcedInEnglish = text(this.#language, key)[1] && (absolute || this.#announcement == this.idleAnnouncement(seconds));
    this.#announcedAt = seconds;
    this.#announcedIn = this.#languageKey();
  }

  #languageKey(): string {
    return `${this.#language.tag} ${this.#language.locale}`;
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
    if ((crossed(30) || crossed(10) || crossed(Math.ceil(now / 60) * 60)) && this.#announcedAt - now >= 20) this.#announce(now);
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
    // The language or its texts changed (a locale arrived) while the warning is open: shown and spoken again in it.
    if (state == 'warning' && this.#announcement && this.#announcedIn != this.#languageKey()) this.#announce(Math.ceil(host.controller.remaining));
    const outcome = host.outcome();
    return html`${this.#style}
      <dialog lang=${tag} part="dialog" role="alertdialog" aria-modal="true" aria-labelledby="heading" class=${kept ? 'kept' : ''}
              aria-describedby=${kept ? 'message' : 'message countdown'} @cancel=${this.#onCancel} @close=${this.#onClose}
              @keydown=${this.#keepFocusInside}>
        ${kept ? keptWorkView(this.#show, this.#slot, host.signIn, host.leave) : this.#warningView()}
      </dialog>
      <div lang=${tag} role="status"><span class="sr-only">${outcome && this.#show(outcome)}</span>${state == 'expired' && !kept
        ? html`<div part="expired">${this.#slot('expired', html`<p>${this.#show('expired')}</p>
            <a href=${location.href}>${this.#show('signInAgain')}</a>`)}</div>`
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
          ? html`<p part="unsaved">${this.#slot('unsaved', this.#show('unsaved'))}</p>`
          : nothing}
        <p id="countdown"><span class="label">${this.#show('timeLeft')}</span>
          <bdi part="countdown" role="timer">${countdown(remaining, this.#language.tag)}</bdi></p>
        <div class="sr-only" role="status" lang=${this.#announcedInEnglish ? 'en' : nothing}>${this.#announcement}</div>
        <div class="actions">
          ${absolute
            ? html`<button part="dismiss-button" class="primary" @click=${host.dismiss}>${this.#slot('dismiss-label', this.#show('dismiss'))}</button>`
            : html`<button part="extend-button" class="primary" @click=${host.extend}>${this.#slot('extend-label', this.#show('extend'))}</button>`}
          ${logoutUrl
            ? html`<form method="post" action=${logoutUrl} @submit=${host.logout}>
                <button part="logout-button">${this.#slot('logout-label', this.#show('logout'))}</button>
              </form>`
            : nothing}
        </div>`;
  }

  /** The idle warning: the user can stay. */
  #idleTexts() {
    const { warnAfter, expireAfter } = this.#host.controller.durations;
    return html`
      <h2 id="heading" part="heading">${this.#slot('heading', this.#show('heading'))}</h2>
      <div id="message" part="message">${this.#slot('warning', html`<p>${this.#show('warning', {
        inactive: this.#words(warnAfter), limit: this.#words(expireAfter),
      })}</p>`)}</div>`;
  }

  /** The absolute warning: the session ends at a fixed time whatever the user does; say when, and to save. */
  #absoluteTexts() {
    return html`
      <h2 id="heading" part="heading">${this.#slot('absolute-heading', this.#show('absoluteHeading'))}</h2>
      <div id="message" part="message">${this.#slot('absolute-warning', html`<p>${this.#show('absoluteWarning', {
        time: this.#endTime(),
      })}</p>`)}</div>`;
  }

  /** The clock time of the absolute end, in the element's language. */
  #endTime(): string {
    return clockTime(this.#host.controller.expireAt ?? Date.now(), this.#language.tag);
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

  /**
   * The slot `name` around its default `fallback`, while the page slots something there with content;
   * otherwise the default alone: an empty `<span slot="extend-label"></span>` must not leave the
   * button (or the dialog) without an accessible name.
   */
  readonly #slot = (name: string, fallback: unknown) => {
    const filled = [...this.#host.element.children].some((child) => child.slot == name && hasContent(child));
    return filled ? html`<slot name=${name}>${fallback}</slot>` : fallback;
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
    // Our own record, not `open`: moving the element in the DOM leaves the dialog open but no longer
    // modal (the page not inert, focus not inside), and it must be shown modal again. Not `:modal`
    // either: older engines of the supported range throw on it.
    if (modal && !this.#modal && element.isConnected) {
      if (dialog.open) dialog.close();
      else if (!this.#handedOver) this.#returnFocus = deepActiveElement();
      this.#handedOver = false;
      dialog.showModal();
      this.#modal = true;
      this.#unlockScroll ??= lockScroll();
      this.#focusFirst(dialog);
    } else if (modal && kind != this.#shownKind) {
      this.#focusFirst(dialog); // new content (the session ended with kept work): its first action
    } else if (!modal && dialog.open) {
      this.#modal = false;
      this.#unlockScroll?.();
      this.#unlockScroll = undefined;
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

  /** A locale arrived or changed: what is shown, and what was spoken, again in it. */
  readonly #onLocale = (): void => {
    this.#announcedIn = '';
    this.#rerender();
  };

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
    this.#modal = false;
    if (controller.state == 'warning') this.#host.extend();
    // Kept work must never show: the dialog opens again at once.
    else if (this.#host.keptWork()) element.requestUpdate();
  };
}
