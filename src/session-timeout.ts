import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { SessionTimeoutController, type SessionTimeoutOptions } from './controller.js';
import { explain } from './session/explain.js';
import { safeNavigationUrl } from './element/safe-url.js';
import type { PingRequestOptions } from './browser/ping-client.js';
import { hasUnsavedWork } from './browser/unsaved-work.js';
import { watchEdits } from './browser/user-edits.js';
import {
  SessionTimeoutDismissEvent,
  SessionTimeoutResumeEvent,
  SessionTimeoutErrorEvent,
  SessionTimeoutExpireEvent,
  SessionTimeoutExtendEvent,
  SessionTimeoutWarnEvent,
  SessionTimeoutTickEvent,
  SessionTimeoutLeaderEvent,
  SessionTimeoutPingEvent,
} from './element/events.js';
import { resolveDurations, type IdleDurations, type IdleState, type Scheduler } from './idle/engine.js';
import type { TextKey } from './i18n/texts.js';
import type { WarningView } from './element/warning-view.js';
import { FallbackWarning } from './element/fallback-warning.js';
import { importView } from './element/view-loader.js';
import { FrameMessages, parseOrigin } from './browser/frame-activity.js';
import { TitleAlert } from './element/title-alert.js';

/**
 * Ms an update with something to show waits for a full view already on its way, before the fallback
 * shows instead: long enough not to flash the fallback when the view is about to arrive.
 */
const VIEW_GRACE = 1_000;
/** Ms before a failed fetch of the view is tried again, doubled each time up to {@link RETRY_MAX}. */
const RETRY_FIRST = 2_000;
const RETRY_MAX = 120_000;

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
 * @event {SessionTimeoutExpireEvent} session-timeout-expire - The session ended (`reason`: `idle`, `absolute`, `closed`, `server`, `logout`). Cancelable: `preventDefault()` stops the redirect.
 * @event {SessionTimeoutResumeEvent} session-timeout-resume - An ended page that kept unsaved work is live again: the same user signed in again; `remaining` seconds.
 * @event {SessionTimeoutErrorEvent} session-timeout-error - A ping failed (`error`, `status`); the session is not treated as ended.
 * @event {SessionTimeoutTickEvent} session-timeout-tick - Each second while the warning is open, from the wall clock; `remaining` seconds.
 * @event {SessionTimeoutLeaderEvent} session-timeout-leader - This tab started or stopped sending the keep-alive pings (`leader`).
 * @event {SessionTimeoutPingEvent} session-timeout-ping - The server answered a ping, this tab's or another's (once per answer in every tab): `remaining`, `expireAfter`, `warnAfter` seconds.
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
export class SessionTimeoutElement extends ReactiveElement {
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
    frameOrigins: {
      attribute: 'frame-origins',
      converter: (value: string | null) => value?.split(/\s+/).filter(Boolean) ?? [],
    },
    titleAlert: { attribute: 'title-alert', converter: (value: string | null) => value?.trim().toLowerCase() != 'off' },
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
  /**
   * Origins (`https://reports.example`) whose frames may report their user's input, e.g.
   * `frame-origins="https://a.example https://b.example"` (space-separated): the framed page loads
   * `session-timeout-element/frame`. Empty by default: no frame's message counts. Same-origin frames
   * count with no module and no attribute.
   */
  frameOrigins: string[] = [];
  /**
   * While the warning is open and the page hidden (a background tab), the title starts with the time
   * left, `(0:45) `; restored when the warning closes or the page is shown. `title-alert="off"`
   * (`titleAlert = false`) turns it off.
   *
   * @attr {'on' | 'off'} title-alert
   */
  titleAlert = true;

  #warnAfter: unknown;
  #expireAfter: unknown;
  /** The two above resolved once per change, not on every read (render reads them each second of a warning). */
  #durations = resolveDurations({});
  /** The full view (`warning-view.ts`), fetched at the first idle moment after start. */
  #view: WarningView | null = null;
  /** The fetch of the view in flight (a failed one is never kept: it is tried again). */
  #viewLoad: Promise<void> | null = null;
  #viewAttempts = 0;
  /** The idle callback or the retry timer that fetches the view next. */
  #viewTimer: { cancel(): void } | null = null;
  /** Shows the warning while the full view is not there (part of the first download). */
  #fallback: FallbackWarning | null = null;
  /** The page was hidden because kept work had nothing to hide behind (no dialog could be shown). */
  #hidPage = false;
  /** What the last action did, spoken once the dialog has closed ("You are still signed in."). */
  #outcome: TextKey | '' = '';
  /** The open warning found unsaved work: it says so. */
  #unsavedAtWarning = false;
  /** The session ended with unsaved work: the page stays, hidden, until the same user signs in again. */
  #keptWork = false;
  #redirect = true;
  readonly #warned = new Set<string>();
  /** Frames' activity messages, accepted from `frame-origins` only. */
  readonly #frameMessages = new FrameMessages({
    origins: () => this.frameOrigins,
    log: (message) => this.debug && console.debug(`<session-timeout> ${message}`),
  });
  /**
   * The title's countdown. In the first download, not fetched with the view: it must work where no
   * further script can be fetched (offline, a CSP), with the fallback warning.
   */
  #titleAlert: TitleAlert | null = null;
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
      this.#outcome = '';
      this.#unsavedAtWarning = this.#hasUnsavedWork();
      // Spoken by the view; a view still loading speaks as it arrives. No view yet: one more fetch now.
      if (this.#view) this.#view.opened();
      else this.#loadView(true);
      this.dispatchEvent(new SessionTimeoutWarnEvent(remaining, reason));
    },
    onTick: (remaining) => {
      this.#view?.tick(remaining);
      this.#updateTitle(remaining);
      this.dispatchEvent(new SessionTimeoutTickEvent(remaining));
    },
    onLeader: (leader) => this.dispatchEvent(new SessionTimeoutLeaderEvent(leader)),
    onPing: (remaining, { expireAfter, warnAfter }) => this.dispatchEvent(new SessionTimeoutPingEvent(remaining, expireAfter, warnAfter)),
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
    // The page is someone else's now (another user signed in, or none is): never shown again.
    onResumeRefused: () => {
      document.documentElement.style.visibility = 'hidden';
      this.#leave();
    },
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
   * Seconds since the user's last input in any tab of the browser, from the wall clock: what a ping
   * would report as `idle` (`0` while a {@link hold} is on). `null` until the element first
   * connects, and while disabled.
   */
  get idleFor(): number | null {
    return this.#controller.idleFor;
  }

  /**
   * When the user last gave input in any tab of the browser (at worst the page's load, or an
   * extend). A new `Date` at each read; `null` until the element first connects, and while disabled.
   */
  get lastActivity(): Date | null {
    return this.#controller.lastActivity;
  }

  /**
   * Whether this tab sends the keep-alive pings for every tab of the browser (alone, it does, a few ms
   * after it connects). `false` while disconnected, disabled, or once the session ended.
   * `session-timeout-leader` says when it changes.
   */
  get leader(): boolean {
    return this.#controller.leader;
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
    return this.#view?.idleAnnouncement(remaining) ?? '';
  }

  override connectedCallback(): void {
    this.#reportProblems();
    super.connectedCallback();
    this.#scheduleViewLoad(0);
    // From now on, what the user types is known as theirs (unsaved work in fields React keeps in step).
    watchEdits();
    addEventListener('submit', this.#onPageSubmit);
    addEventListener('pagehide', this.#onPageHide);
    addEventListener('pageshow', this.#onPageShow);
    this.#frameMessages.connect();
    this.#titleAlert ??= new TitleAlert();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#viewTimer?.cancel();
    this.#viewTimer = null;
    this.#fallback?.disconnected();
    removeEventListener('submit', this.#onPageSubmit);
    removeEventListener('pagehide', this.#onPageHide);
    removeEventListener('pageshow', this.#onPageShow);
    this.#frameMessages.disconnect();
    this.#titleAlert?.dispose();
    this.#titleAlert = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('warnAfter') || changed.has('expireAfter')) this.#reportProblems();
    if (changed.has('frameOrigins')) {
      for (const origin of this.frameOrigins ?? []) {
        if (!parseOrigin(origin)) this.#explain((messages) => messages.notAnOrigin(origin));
      }
    }
  }

  /** The title's countdown (a hidden page with the warning open), else the page's own title. */
  #updateTitle(remaining = this.#controller.remaining): void {
    this.#titleAlert?.update(this.titleAlert && this.state == 'warning', remaining);
  }

  /**
   * Renders the full view; while it is not there, the fallback shows what must be seen (the warning,
   * kept work hidden), and the full view takes over where it arrives while the fallback is open.
   */
  protected override update(changed: PropertyValues): void {
    super.update(changed);
    if (this.#view) {
      if (this.#fallback?.shown) this.#view.takeOver(this.#fallback.handOver());
      this.#view.update();
    } else if (this.isConnected) {
      const kind = this.state == 'warning' ? this.#controller.warningReason : this.state == 'expired' && this.#keptWork ? 'kept' : null;
      if (kind) this.#fallback ??= new FallbackWarning(this.renderRoot as ShadowRoot, {
        // Escape may both cancel and close the dialog: staying once.
        stay: () => this.state == 'warning' && this.extend(),
        signIn: this.#signIn,
        leave: this.#leave,
      });
      this.#fallback?.update(kind, this.#controller.remaining);
    }
  }

  /**
   * An update with something to show (a warning, the end, an outcome to speak) waits a little for a
   * full view already on its way ({@link VIEW_GRACE}), never longer: the fallback shows meanwhile.
   * The session itself (timers, tabs, server) never waits for either.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const load = this.#viewLoad;
    if (this.#view || !load || (this.state == 'active' && !this.#outcome) || this.#fallback?.shown) return super.scheduleUpdate();
    return Promise.race([load, new Promise((resolve) => setTimeout(resolve, VIEW_GRACE))]).then(() => super.scheduleUpdate());
  }

  /**
   * Fetches the view at the first idle moment after start (`delay` 0: `requestIdleCallback` where
   * there is one), or `delay` ms after a failure, on the element's clock.
   */
  #scheduleViewLoad(delay: number): void {
    this.#viewTimer?.cancel();
    this.#viewTimer = null;
    if (this.#view || this.#viewLoad || !this.isConnected) return;
    const load = () => {
      this.#viewTimer = null;
      this.#loadView(false);
    };
    if (!delay && typeof requestIdleCallback == 'function') {
      const id = requestIdleCallback(load, { timeout: RETRY_FIRST });
      this.#viewTimer = { cancel: () => cancelIdleCallback(id) };
    } else if (!delay) {
      // Safari has no idle callback: after the tasks already queued (the page's own start-up). The
      // page's real clock: this is about the page, not the session's time.
      const id = setTimeout(load, 0);
      this.#viewTimer = { cancel: () => clearTimeout(id) };
    } else {
      const scheduler: Scheduler = (this.constructor as typeof SessionTimeoutElement).timing?.scheduler ?? globalThis;
      const id = scheduler.setTimeout(load, delay);
      this.#viewTimer = { cancel: () => scheduler.clearTimeout(id) };
    }
  }

  /**
   * Fetches the view, unless it is there or on its way (`again`: the warning is due, so one more
   * fetch even beside one that may hang). A failure is tried again later with backoff, never kept.
   */
  #loadView(again: boolean): void {
    if (this.#view || (this.#viewLoad && !again)) return;
    this.#viewTimer?.cancel();
    const attempt = this.#viewAttempts++;
    // Beside a fetch in flight (it may hang, and the engine would join it): a fresh copy at once.
    const load: Promise<void> = importView(this.#viewLoad != null).then(
      ({ WarningView }) => {
        if (this.#view) return;
        this.#viewLoad = null;
        this.#view = new WarningView({
          element: this,
          controller: this.#controller,
          announcementText: (remaining) => this.announcementText(remaining),
          outcome: () => this.#outcome,
          unsavedAtWarning: () => this.#unsavedAtWarning,
          keptWork: () => this.#keptWork,
          logoutUrl: () => this.#safeUrl('logout-url', this.logoutUrl),
          extend: () => this.extend(),
          dismiss: () => this.dismiss(),
          signIn: this.#signIn,
          leave: this.#leave,
          logout: this.#onLogout,
          warn: (message) => this.#warn(message),
        });
        if (this.state == 'warning') this.#view.opened();
        this.requestUpdate(); // ahead of the warning: its live regions in place, silent
      },
      (error) => {
        if (this.#viewLoad != load) return; // a later attempt is on its way
        this.#viewLoad = null;
        this.#warn(`could not load its full warning (${String(error).split(':')[0]}); a plain one stands in, and the session still ends on time`);
        this.#scheduleViewLoad(Math.min(RETRY_FIRST * 2 ** attempt, RETRY_MAX));
      },
    );
    this.#viewLoad = load;
  }

  protected override updated(): void {
    // Fail closed: kept work with no dialog to hide it behind is hidden with the page.
    const hide = this.#keptWork && this.state == 'expired' && !this.#view && !this.#fallback?.shown;
    if (hide || this.#hidPage) document.documentElement.style.visibility = hide ? 'hidden' : '';
    this.#hidPage = hide;
    this.#updateTitle();
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
      this.#explain((messages) => messages.durationProblem(attribute, raw, fallback, expireAfter));
    }
    if (expireAfter - warnAfter < 20) this.#explain((messages) => messages.tooShortToRespond);
  }

  /** `url` when it is an http(s) URL; otherwise warns once and gives `null` (a `javascript:` URL never runs). */
  #safeUrl(attribute: string, url: string | null): string | null {
    const safe = safeNavigationUrl(url);
    if (url && !safe) this.#explain((messages) => messages.notHttpUrl(attribute, url));
    return safe;
  }

  /** Warns once about a configuration problem: only a page with one loads the messages that explain it. */
  #explain(pick: Parameters<typeof explain>[0]): void {
    explain(pick, (line) => this.#warn(line));
  }

  #warn(message: string): void {
    if (!this.#warned.has(message)) console.warn(`<session-timeout> ${message}`);
    this.#warned.add(message);
  }

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
