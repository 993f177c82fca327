import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { SessionTimeoutController, type SessionTimeoutOptions } from './controller.js';
import { safeNavigationUrl } from './safe-url.js';
import type { PingRequestOptions } from './ping-client.js';
import { keptWorkView } from './kept-work.js';
import { hasUnsavedWork } from './unsaved-work.js';
import {
  SessionTimeoutDismissEvent,
  SessionTimeoutResumeEvent,
  SessionTimeoutErrorEvent,
  SessionTimeoutExpireEvent,
  SessionTimeoutExtendEvent,
  SessionTimeoutWarnEvent,
} from './events.js';
import { resolveDurations, type IdleDurations, type IdleState } from './idle/engine.js';
import { styles } from './session-timeout.styles.js';
import { clockTime, countdown, declaredLanguage, durationInWords, fill, resolveLanguage, text, type Language } from './language.js';
import { LOCALE_EVENT, registeredLocales } from './locale-registry.js';
import type { TextKey } from './texts.js';

/**
 * Ends idle sessions safely and kindly: tracks the user's activity, opens an accessible warning before
 * the session ends, counts down, lets the user stay signed in, and signs out (or shows that the session
 * ended) when time is up. With `ping-url`, the server has the last word.
 *
 * Durations are in seconds (fractions allowed). Bad values never break the page: one `console.warn`
 * names the attribute, and the documented fallback applies.
 *
 * @tagname session-timeout
 * @summary Idle-session warning and sign-out, with an accessible countdown dialog.
 *
 * @example
 * ```html
 * <session-timeout warn-after="840" expire-after="900" ping-url="/session/ping"
 *                  redirect-url="/login?reason=idle"></session-timeout>
 * ```
 *
 * @event {SessionTimeoutWarnEvent} session-timeout-warn - The warning opened; `remaining` seconds, `reason` `idle` or `absolute` (the fixed limit: extending only closes the warning).
 * @event {SessionTimeoutExtendEvent} session-timeout-extend - The session was extended; `remaining` seconds.
 * @event {SessionTimeoutDismissEvent} session-timeout-dismiss - An absolute warning was closed without extending (extend, Escape); the session still ends at its fixed limit.
 * @event {SessionTimeoutExpireEvent} session-timeout-expire - The session ended (`reason`: `idle`, `absolute`, `server`, `logout`). Cancelable: `preventDefault()` stops the redirect.
 * @event {SessionTimeoutResumeEvent} session-timeout-resume - An ended page that kept unsaved work is live again: the same user signed in again; `remaining` seconds.
 * @event {SessionTimeoutErrorEvent} session-timeout-error - A ping failed (`error`, `status`); the session is not treated as ended.
 *
 * @slot heading - The warning's title. Default: "Are you still there?"
 * @slot warning - The warning's message. Default: how long the user has been inactive and the inactivity limit.
 * @slot expired - The message shown in place once the session ended, with a way to sign in again.
 * @slot absolute-heading - The absolute warning's title. Default: "Your session ends soon"
 * @slot absolute-warning - The absolute warning's message. Default: the clock time it ends at, that it cannot be extended, to save work.
 * @slot extend-label - The extend button's label. Default: "Stay signed in"
 * @slot dismiss-label - The absolute warning's button label. Default: "OK"
 * @slot logout-label - The sign-out button's label (with `logout-url`). Default: "Sign out now"
 *
 * @csspart dialog - The warning, a native `<dialog role="alertdialog">` opened modal.
 * @csspart heading - The warning's title.
 * @csspart message - The warning's message.
 * @csspart countdown - The time left, `m:ss`, after a "Time left:" label (not a live region: a separate, visually hidden one speaks on opening, then at most every 20–30 s).
 * @csspart extend-button - The button that extends the session (idle warning).
 * @csspart dismiss-button - The button that closes an absolute warning without extending.
 * @csspart logout-button - The button that signs out now.
 * @csspart expired - The expired state shown in place.
 *
 * @cssproperty [--session-timeout-background=#fff] - Background of the warning.
 * @cssproperty [--session-timeout-color=#1b1b1f] - Text colour of the warning.
 * @cssproperty [--session-timeout-accent=#0b57d0] - Buttons and focus rings.
 * @cssproperty [--session-timeout-accent-color=#fff] - Text on the accent colour.
 * @cssproperty [--session-timeout-radius=8px] - Corner radius of the warning and its buttons.
 */
export class SessionTimeoutElement extends LitElement {
  static override styles = styles;

  static override properties = {
    warnAfter: { type: Number, attribute: 'warn-after' },
    expireAfter: { type: Number, attribute: 'expire-after' },
    pingUrl: { attribute: 'ping-url' },
    pingRequest: { attribute: false },
    redirectUrl: { attribute: 'redirect-url' },
    logoutUrl: { attribute: 'logout-url' },
    pingInterval: { type: Number, attribute: 'ping-interval' },
    channel: {},
    extendOnActivity: { type: Boolean, attribute: 'extend-on-activity' },
    disabled: { type: Boolean, reflect: true },
    debug: { type: Boolean },
    activityEvents: {
      attribute: 'activity-events',
      converter: (value: string | null) => value?.split(/[\s,]+/).filter(Boolean) ?? null,
    },
    activityTarget: { attribute: false },
    unsavedChanges: { type: Boolean, attribute: 'unsaved-changes' },
  };

  /**
   * Registers the element (default tag `session-timeout`). Defining it twice is harmless.
   *
   * @example
   * import { SessionTimeoutElement } from 'session-timeout-element/session-timeout.js';
   * SessionTimeoutElement.define('my-session-timeout');
   */
  static define(tag = 'session-timeout', registry: CustomElementRegistry = customElements): typeof SessionTimeoutElement {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Clock and timers for every instance of this class: for tests (set it on a subclass), like `SessionTimeoutOptions`. */
  static timing?: Pick<SessionTimeoutOptions, 'now' | 'scheduler'>;

  /** The server's ping endpoint (contract §2). Absent: client-only mode, no network. */
  pingUrl: string | null = null;
  /**
   * Extra headers (e.g. a CSRF token) and `credentials` for every ping: a property, not an attribute.
   *
   * @example
   * el.pingRequest = { headers: { 'X-CSRF-Token': token } };
   */
  pingRequest: PingRequestOptions | null = null;
  /** Where the page goes once the session has ended. Absent: the expired state is shown in place. */
  redirectUrl: string | null = null;
  /** When set, the warning offers "Sign out now": a POST form submission to this URL, whose answer decides where the page goes. */
  logoutUrl: string | null = null;
  /**
   * The fewest seconds between two keep-alive pings while the user is active. Absent: the keep-alive's
   * default (at most 60 s, and short enough that an active user's server session never lapses).
   */
  pingInterval: number | null = null;
  /** Name of the cross-tab channel. Absent: derived from `ping-url`. */
  channel: string | null = null;
  /** When present, activity while the warning is open extends the session. Absent: only the extend action does. */
  extendOnActivity = false;
  /** No tracking, no timers, no pings. Turning it off again starts afresh. */
  disabled = false;
  /** Logs every decision on the console (`console.debug`): engine events, pings and answers, tab messages. */
  debug = false;
  /**
   * The input events that count as activity, e.g. `activity-events="keydown pointerdown"` (space- or
   * comma-separated). Absent or empty: moves, presses, keys, wheel, scroll and touch.
   */
  activityEvents: string[] | null = null;
  /** Where input counts: an element (only input inside it) or a document; a property. Default: the page. */
  activityTarget: Element | Document | null = null;
  /**
   * The app's own unsaved state (a rich-text editor, a canvas), beside the form controls the element
   * finds by itself. While set, the end of the session keeps the page, as for a changed form field.
   */
  unsavedChanges = false;

  #warnAfter: unknown;
  #expireAfter: unknown;
  /** The two above resolved once per change, not on every read (render reads them each second of a warning). */
  #durations = resolveDurations({});
  #announcement = '';
  /** The language of the last render (contract §6): resolved on every render, which is cheap and follows `lang` changes. */
  #language: Language = { tag: 'en', locale: null };
  #langObserver?: MutationObserver;
  /** What the last action did, spoken once the dialog has closed ("You are still signed in."). */
  #outcome: TextKey | '' = '';
  /** The open warning found unsaved work: it says so. */
  #unsavedAtWarning = false;
  /** The session ended with unsaved work: the page stays, hidden, until the same user signs in again. */
  #keptWork = false;
  /** What the dialog showed at the last update: a warning's reason, `kept`, or nothing. */
  #shownKind: string | null = null;
  #announcedAt = 0;
  #lastTick = 0;
  #redirect = true;
  #returnFocus: HTMLElement | null = null;
  readonly #warned = new Set<string>();
  readonly #controller = new SessionTimeoutController(this, {
    ...(this.constructor as typeof SessionTimeoutElement).timing,
    // The attributes as given: the controller resolves them, and tells given ones from defaults.
    config: () => ({
      warnAfter: this.#warnAfter as number | null, expireAfter: this.#expireAfter as number | null,
      pingUrl: this.pingUrl, pingRequest: this.pingRequest, pingInterval: this.pingInterval, channel: this.channel,
      extendOnActivity: this.extendOnActivity, disabled: this.disabled, debug: this.debug,
      activityEvents: this.activityEvents, activityTarget: this.activityTarget,
    }),
    onWarn: (remaining, reason) => {
      const seconds = Math.ceil(remaining);
      this.#resolveLanguage();
      // Spoken on opening (the dialog's own announcement may be cut short), then at most every 20–30 s.
      this.#announcement = reason == 'absolute' ? this.#absoluteAnnouncement() : this.announcementText(seconds);
      this.#announcedAt = this.#lastTick = seconds;
      this.#outcome = '';
      this.#unsavedAtWarning = this.#hasUnsavedWork();
      this.dispatchEvent(new SessionTimeoutWarnEvent(remaining, reason));
    },
    onTick: (remaining) => this.#onTick(Math.ceil(remaining)),
    onExtend: (remaining, source) => {
      if (source == 'user' && this.state == 'active') this.#outcome = 'stillSignedIn';
      this.dispatchEvent(new SessionTimeoutExtendEvent(remaining));
    },
    onDismiss: (remaining) => this.dispatchEvent(new SessionTimeoutDismissEvent(remaining)),
    onExpire: (reason) => {
      // The user's own "Sign out now" leaves on purpose; any other end keeps unsaved work.
      const keep = this.#redirect && this.#hasUnsavedWork();
      if (!this.dispatchEvent(new SessionTimeoutExpireEvent(reason, keep))) return;
      if (keep) {
        this.#keptWork = true;
        this.#controller.awaitResume();
      } else if (this.#redirect) this.#goToRedirect();
    },
    onResume: (remaining) => {
      this.#keptWork = false;
      this.#outcome = 'signedInAgain';
      this.dispatchEvent(new SessionTimeoutResumeEvent(remaining));
    },
    onResumeRefused: () => this.#leave(),
    onError: (error, status) => this.dispatchEvent(new SessionTimeoutErrorEvent(error, status)),
  });

  /**
   * Seconds of inactivity after which the warning opens. Default 540; when absent or unusable,
   * 60 s before `expire-after` (half of it when `expire-after` is under 120 s).
   */
  get warnAfter(): number {
    return this.#durations.warnAfter;
  }
  set warnAfter(value: number | null) {
    this.#warnAfter = value;
    this.#resolve();
  }

  /**
   * The durations in force: the server's once a ping answered (they win over the attributes), else
   * `warn-after` and `expire-after` as resolved.
   */
  get durations(): IdleDurations {
    return this.#controller.durations;
  }

  /** Seconds of inactivity after which the session ends. Default 600. */
  get expireAfter(): number {
    return this.#durations.expireAfter;
  }
  set expireAfter(value: number | null) {
    this.#expireAfter = value;
    this.#resolve();
  }

  /** `active`, `warning` or `expired`. */
  get state(): IdleState {
    return this.#controller.state;
  }

  /** Seconds until the session ends, from the freshest server answer where there is one. */
  get remaining(): number {
    return this.#controller.remaining;
  }

  /**
   * Extends the session (closes the warning); with `ping-url`, tells the server. During an absolute
   * warning nothing can extend the session: it only closes the warning, like {@link dismiss}.
   */
  extend(): void {
    this.#controller.extend();
  }

  /** Closes an absolute warning without extending (in every tab); the session still ends at its fixed time. */
  dismiss(): void {
    this.#controller.dismiss();
  }

  /** Ends the session now, e.g. after the app signed the user out. Fires `session-timeout-expire` (reason `logout`). */
  expire(): void {
    this.#controller.expire();
  }

  /**
   * Keeps the session alive until the returned function is called, e.g. while a video plays or an
   * upload runs. Holds nest; releasing twice is harmless.
   *
   * @example
   * const release = document.querySelector('session-timeout').hold();
   * await upload(file);
   * release();
   */
  hold(): () => void {
    return this.#controller.hold();
  }

  /** Goes to `url` once the session ended. Override to use a router (or in tests). */
  protected navigate(url: string): void {
    location.assign(url);
  }

  /** Opens the sign-in page in a new tab, for a page that keeps unsaved work. Override in tests. */
  protected openSignIn(url: string): void {
    open(url, '_blank', 'noopener');
  }

  /** Whether the page holds unsaved work: a changed form control, or the app said so (`unsaved-changes`). */
  #hasUnsavedWork(): boolean {
    return this.unsavedChanges || hasUnsavedWork(document);
  }

  /** To `redirect-url` (when it is a usable URL). */
  #goToRedirect(): boolean {
    // The attribute as written: `navigate` overrides (routers) expect the app's own URL.
    if (!this.#safeUrl('redirect-url', this.redirectUrl)) return false;
    this.navigate(this.redirectUrl!);
    return true;
  }

  /** Gives kept work up: to `redirect-url`, else a reload; the dialog stays until the page goes. */
  readonly #leave = (): void => {
    if (!this.#goToRedirect()) this.navigate(location.href);
  };

  readonly #signIn = (): void => {
    this.openSignIn(this.#safeUrl('redirect-url', this.redirectUrl) ?? location.href);
  };

  /**
   * The sentence the live region speaks while the idle warning is open, in the element's language
   * (the locale's `announceIdle`). Override for wording of your own.
   */
  protected announcementText(remaining: number): string {
    return fill(this.#text('announceIdle'), { duration: this.#words(remaining) });
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
    return (this.#language = resolveLanguage(declaredLanguage(this), (message) => this.#warn(message)));
  }

  override connectedCallback(): void {
    this.#reportProblems();
    super.connectedCallback();
    // A change of `lang` (own, an ancestor's, the page's) or a locale arriving re-renders.
    this.#langObserver = new MutationObserver(this.#rerender);
    this.#langObserver.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    addEventListener(LOCALE_EVENT, this.#rerender);
    addEventListener('submit', this.#onPageSubmit);
    addEventListener('pagehide', this.#onPageHide);
    addEventListener('pageshow', this.#onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver?.disconnect();
    removeEventListener(LOCALE_EVENT, this.#rerender);
    removeEventListener('submit', this.#onPageSubmit);
    removeEventListener('pagehide', this.#onPageHide);
    removeEventListener('pageshow', this.#onPageShow);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('warnAfter') || changed.has('expireAfter')) this.#reportProblems();
  }

  protected override render() {
    const kept = this.#keptWork && this.state == 'expired';
    const { tag } = this.#resolveLanguage();
    return html`
      <dialog lang=${tag} part="dialog" role="alertdialog" aria-modal="true" aria-labelledby="heading" class=${kept ? 'kept' : ''}
              aria-describedby=${kept ? 'message' : 'message countdown'} @cancel=${this.#onCancel} @close=${this.#onClose}
              @keydown=${this.#keepFocusInside}>
        ${kept ? keptWorkView(this.#show, this.#signIn, this.#leave) : this.#warningView()}
      </dialog>
      <div lang=${tag} role="status"><span class="sr-only">${this.#outcome && this.#show(this.#outcome)}</span>${this.state == 'expired' && !kept
        ? html`<div part="expired"><slot name="expired"><p>${this.#show('expired')}</p>
            <a href=${location.href}>${this.#show('signInAgain')}</a></slot></div>`
        : nothing}</div>
    `;
  }

  /** The warning: idle or absolute, with the countdown and the actions. */
  #warningView() {
    const remaining = Math.ceil(this.remaining);
    const absolute = this.#controller.warningReason == 'absolute';
    const logoutUrl = this.#safeUrl('logout-url', this.logoutUrl);
    return html`
        ${absolute ? this.#absoluteTexts() : this.#idleTexts()}
        ${this.#unsavedAtWarning
          ? html`<p part="unsaved"><slot name="unsaved">${this.#show('unsaved')}</slot></p>`
          : nothing}
        <p id="countdown"><span class="label">${this.#show('timeLeft')}</span>
          <bdi part="countdown" role="timer">${countdown(remaining, this.#language.tag)}</bdi></p>
        <div class="sr-only" role="status">${this.#announcement}</div>
        <div class="actions">
          ${absolute
            ? html`<button part="dismiss-button" class="primary" @click=${this.dismiss}><slot name="dismiss-label">${this.#show('dismiss')}</slot></button>`
            : html`<button part="extend-button" class="primary" @click=${this.extend}><slot name="extend-label">${this.#show('extend')}</slot></button>`}
          ${logoutUrl
            ? html`<form method="post" action=${logoutUrl} @submit=${this.#onLogout}>
                <button part="logout-button"><slot name="logout-label">${this.#show('logout')}</slot></button>
              </form>`
            : nothing}
        </div>`;
  }

  /** The idle warning: the user can stay. */
  #idleTexts() {
    const { warnAfter, expireAfter } = this.durations;
    return html`
      <h2 id="heading" part="heading"><slot name="heading">${this.#show('heading')}</slot></h2>
      <div id="message" part="message"><slot name="warning"><p>${this.#show('warning', {
        inactive: this.#words(warnAfter), limit: this.#words(expireAfter),
      })}</p></slot></div>`;
  }

  /** The clock time of the absolute end, in the element's language. */
  #endTime(): string {
    return clockTime(this.#controller.engine?.expireAt ?? Date.now(), this.#language.tag);
  }

  #absoluteAnnouncement(): string {
    return fill(this.#text('announceAbsolute'), { time: this.#endTime() });
  }

  /** The absolute warning: the session ends at a fixed time whatever the user does; say when, and to save. */
  #absoluteTexts() {
    return html`
      <h2 id="heading" part="heading"><slot name="absolute-heading">${this.#show('absoluteHeading')}</slot></h2>
      <div id="message" part="message"><slot name="absolute-warning"><p>${this.#show('absoluteWarning', {
        time: this.#endTime(),
      })}</p></slot></div>`;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog')!;
    const kind = this.state == 'warning' ? this.#controller.warningReason : this.#keptWork && this.state == 'expired' ? 'kept' : null;
    const modal = kind != null;
    // `:modal`, not `open`: moving the element in the DOM leaves the dialog open but no longer modal
    // (the page not inert, focus not inside), and it must be shown modal again.
    if (modal && !dialog.matches(':modal') && this.isConnected) {
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
    this.renderRoot.querySelector<HTMLElement>('.primary')!.focus({ preventScroll: true });
    dialog.scrollTop = 0;
  }

  #resolve(): void {
    this.#durations = resolveDurations({ warnAfter: this.#warnAfter, expireAfter: this.#expireAfter });
  }

  /** Warns once about each bad duration attribute, naming the real problem (the controller falls back the same way). */
  #reportProblems(): void {
    const { warnAfter, expireAfter, problems } = this.#durations;
    for (const problem of problems) {
      const [attribute, given, fallback] = problem == 'warnAfter'
        ? ['warn-after', this.#warnAfter, warnAfter]
        : ['expire-after', this.#expireAfter, expireAfter];
      const raw = this.getAttribute(attribute) ?? String(given);
      // Only a page with a bad value pays for the messages that explain it.
      import('./config-messages.js').then(({ durationProblem }) =>
        this.#warn(durationProblem(attribute, raw, fallback, expireAfter)));
    }
    if (expireAfter - warnAfter < 20) this.#warn('expire-after − warn-after is under 20 s: too short to respond (WCAG 2.2.1)');
  }

  /** `url` when it is an http(s) URL; otherwise warns once and gives `null` (a `javascript:` URL never runs). */
  #safeUrl(attribute: string, url: string | null): string | null {
    const safe = safeNavigationUrl(url);
    if (url && !safe) this.#warn(`${attribute}="${url}" is not an http(s) URL; ignored`);
    return safe;
  }

  #warn(message: string): void {
    if (!this.#warned.has(message)) console.warn(`<session-timeout> ${message}`);
    this.#warned.add(message);
  }

  /**
   * Speaks the time left at most every 20–30 s: at each whole minute, at 30 s and at 10 s, never
   * within 20 s of the previous message or of the warning opening. Never every second.
   */
  #onTick(now: number): void {
    const previous = this.#lastTick;
    const crossed = (mark: number) => now <= mark && mark < previous;
    this.#lastTick = now;
    if ((crossed(30) || crossed(10) || crossed(Math.ceil(now / 60) * 60)) && this.#announcedAt - now >= 20) {
      this.#announcedAt = now;
      this.#announcement = this.announcementText(now);
    }
  }

  readonly #rerender = (): void => this.requestUpdate();

  /** Escape: the dialog's `cancel`. Kept open by us, then closed by extending (an absolute warning: dismissing). */
  readonly #onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.state == 'warning') this.extend();
  };

  /**
   * Tab and Shift+Tab cycle through the dialog's buttons: a modal dialog lets focus leave for the
   * browser's own controls once per cycle, which loses keyboard and screen-reader users.
   */
  readonly #keepFocusInside = (event: KeyboardEvent): void => {
    if (event.key != 'Tab') return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('dialog button')];
    const at = buttons.indexOf(this.shadowRoot!.activeElement as HTMLElement);
    const next = event.shiftKey ? (at <= 0 ? buttons.length - 1 : at - 1) : (at + 1) % buttons.length;
    event.preventDefault();
    buttons[next]!.focus();
  };

  /** The browser may close the dialog on its own (e.g. a repeated Escape): that extends too. */
  readonly #onClose = (): void => {
    // Closed by us to be shown modal again (the element moved): already open again.
    if (this.renderRoot.querySelector('dialog')!.open) return;
    if (this.state == 'warning') this.extend();
    // Kept work must never show: the dialog opens again at once.
    else if (this.#keptWork) this.requestUpdate();
  };

  /**
   * The page's own sign-out form (one that posts to `logout-url`) was submitted: every other tab ends
   * too. Heard on `window` in the bubbling phase, so a submission the app cancelled does not count.
   */
  readonly #onPageSubmit = (event: SubmitEvent): void => {
    const form = event.target as HTMLFormElement;
    if (event.defaultPrevented || !this.logoutUrl || this.state == 'expired') return;
    if (new URL(this.logoutUrl, location.href).href == new URL(form.action, location.href).href) this.#onLogout();
  };

  /** A page the session ended on, and that is being left: whether Back must not show it again. */
  #leftEnded(): boolean {
    return this.state == 'expired' && !this.#keptWork;
  }

  /**
   * Leaving a page whose session ended, into the back/forward cache (Chromium keeps even no-store
   * pages there): hide it, so that Back shows nothing private before it leaves again.
   */
  readonly #onPageHide = (event: PageTransitionEvent): void => {
    if (event.persisted && this.#leftEnded()) document.documentElement.style.visibility = 'hidden';
  };

  /** Restored from the back/forward cache after the session ended: never shown, it leaves at once. */
  readonly #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted && this.#leftEnded()) this.#leave();
  };

  /** "Sign out now": the form posts to `logout-url` and its answer, not `redirect-url`, decides where the page goes. */
  readonly #onLogout = (): void => {
    this.#redirect = false;
    this.#outcome = 'signingOut';
    this.expire();
  };
}
