/**
 * `SessionCoordinator`: one page's part in a session. It wires the idle engine to the activity
 * adapter, the ping client, the keep-alive policy and the other tabs, and imports no Lit: the
 * controller is a thin adapter over it, and any other view layer can use it directly.
 *
 * Who decides what:
 * - the **server** sets the durations and the deadlines whenever there is one (`ping-url`): its
 *   `expireAfter` and `warnAfter` are adopted from every answer, the attributes are only the first
 *   guess (and the values of a client-only page);
 * - **input** in any tab of the browser is what a ping reports as `idle`, never a value derived from
 *   a server answer;
 * - a tab that opens asks the other tabs what the server last said, and asks the server itself (one
 *   ping) only when no tab answers, so it warns on time even when its attributes are wrong.
 *
 * @module
 */
import { ActivityTracker } from './activity.js';
import { explain } from './explain.js';
import {
  IdleEngine,
  resolveDurations,
  rethrowLater,
  type EndReason,
  type ExpireReason,
  type ExtendSource,
  type IdleDurations,
  type IdleEngineEvent,
  type IdleState,
  type Scheduler,
} from './idle/engine.js';
import { KeepAlive, effectivePingInterval } from './keep-alive.js';
import { PingClient, type PingRequestOptions } from './ping-client.js';
import { TabSync, type ServerMessage, type TabMessage } from './tab-sync.js';

/** Options of {@link SessionCoordinator} (and of the controller). Durations in seconds. */
export interface SessionTimeoutOptions {
  /** Seconds of inactivity before the warning. Default 540. With a server, the server's value wins. */
  warnAfter?: number | null;
  /** Seconds of inactivity before the session ends. Default 600. With a server, the server's value wins. */
  expireAfter?: number | null;
  /** The server's ping endpoint; `null`/absent: client-only, no network. */
  pingUrl?: string | null;
  /** Extra headers (e.g. a CSRF token) and `credentials` for every ping. */
  pingRequest?: PingRequestOptions | null;
  /**
   * The fewest seconds between two keep-alive pings while the user is active, across all tabs.
   * Default: half of `expireAfter − warnAfter`, at most 60 s; a longer value is shortened to that, so
   * an active user's server session never lapses (see `effectivePingInterval`).
   */
  pingInterval?: number | null;
  /** Name of the cross-tab channel. Default: derived from `pingUrl` (`session-timeout:<path>`). */
  channel?: string | null;
  /** Activity while the (idle) warning is open extends the session. Default `false`. */
  extendOnActivity?: boolean;
  /** No listeners, no timers, no pings. Turning it off again starts afresh. Default `false`. */
  disabled?: boolean;
  /**
   * The input events that count as activity. Default `ACTIVITY_EVENTS` (moves, presses, keys, wheel,
   * scroll, touch); e.g. `['keydown', 'pointerdown']` for a page where moving the mouse is no sign of use.
   */
  activityEvents?: readonly string[] | null;
  /** Where input counts: an element (only input inside it) or a document. Default: `document`. */
  activityTarget?: Element | Document | null;
  /** Logs every decision (`console.debug`): what the engine did, every ping and its answer, every tab message. */
  debug?: boolean;
  /** Called when the warning opens; `remaining` in seconds, `reason` the end it is about. */
  onWarn?: (remaining: number, reason: EndReason) => void;
  /** Called once a second while the warning is open. */
  onTick?: (remaining: number) => void;
  /** Called when the session was extended (by the user, by activity, by a hold or by the server). */
  onExtend?: (remaining: number, source: ExtendSource) => void;
  /** Called when an absolute warning was closed without extending (the session still ends at its limit). */
  onDismiss?: (remaining: number) => void;
  /** Called once when the session ends. */
  onExpire?: (reason: ExpireReason) => void;
  /**
   * After {@link SessionCoordinator.awaitResume}: a session started again for the same subject, and
   * this page is live again (`remaining` seconds).
   */
  onResume?: (remaining: number) => void;
  /**
   * The page's session now belongs to someone else, or to no one: after
   * {@link SessionCoordinator.awaitResume}, a session started again for another subject or with none;
   * on a live page, a server answer (this tab's or another's) for a subject other than the one the
   * page began with, or a `401` with reason `missing` (signed out elsewhere, revoked). The page must
   * leave at once without being shown: its content is the first user's. No `onExpire` comes with it.
   */
  onResumeRefused?: () => void;
  /** Called when a ping failed (network, timeout, 5xx…); the session goes on counting down locally. */
  onError?: (error: Error, status: number) => void;
  /**
   * Called with what one of the callbacks above threw. Callbacks are isolated: the countdown, the
   * other tabs and the server never depend on them. Default: reported as uncaught, asynchronously.
   */
  onCallbackError?: (error: unknown) => void;
  /** Called whenever what a view shows may have changed (state, remaining time, durations). */
  onChange?: () => void;
  /** Clock (wall-clock ms) and timers, for tests. */
  now?: () => number;
  scheduler?: Scheduler;
  /** The document whose input counts. Default `document`. */
  document?: Document;
  /** The fetch used for pings. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/** The options a page may change while it runs (the element's attributes). */
export type ConfigurableOptions = Pick<SessionTimeoutOptions,
  'warnAfter' | 'expireAfter' | 'pingUrl' | 'pingRequest' | 'pingInterval' | 'channel' | 'extendOnActivity' | 'disabled' | 'debug' |
  'activityEvents' | 'activityTarget'>;

const CONFIGURABLE: ReadonlyArray<keyof ConfigurableOptions> = ['warnAfter', 'expireAfter', 'pingUrl', 'pingRequest', 'pingInterval',
  'channel', 'extendOnActivity', 'disabled', 'debug', 'activityEvents', 'activityTarget'];

/** Ms a new tab waits for another tab to say what the server last said, before asking the server. */
export const ASK_TABS_WAIT = 250;
/** Ms a new tab waits for the answer to a ping another tab just sent, before asking itself. */
export const ASK_TABS_PATIENCE = 10_000;

/**
 * Runs one page's session: `connect()` starts everything, `disconnect()` stops everything (listeners,
 * timers, requests in flight), and the session's timing survives a reconnection.
 *
 * @example
 * const session = new SessionCoordinator({ pingUrl: '/session/ping', onChange: render,
 *   onExpire: () => location.assign('/login?reason=idle') });
 * session.connect();
 */
export class SessionCoordinator {
  readonly #options: SessionTimeoutOptions;
  #engine: IdleEngine | null = null;
  #tracker: ActivityTracker | null = null;
  #client: PingClient | null = null;
  #connected = false;
  #running = false;
  /** Pings are numbered: only the answer to the latest one is applied (an older one is stale). */
  #pingSeq = 0;
  /** Holds asked for, mapped onto one engine hold (so that they survive a new engine). */
  #holds = 0;
  #release?: () => void;
  /** Re-pings while a hold keeps the session alive: nobody's input says so. */
  #holdTimer: unknown;
  /** Waits for another tab to tell what the server said, then asks the server. */
  #askTimer: unknown;
  #tabs: TabSync | null = null;
  #keepAlive: KeepAlive | null = null;
  /** True while a message from another tab is applied: what it causes is not echoed back. */
  #fromTab = false;
  /** The durations the server set, once one answered. */
  #serverDurations: IdleDurations | null = null;
  /** The latest server answer, for tabs that open later. */
  #lastServer: ServerMessage | null = null;
  #mismatchReported = false;
  readonly #deadPingReported = new Set<number>();
  /**
   * Who the server said is signed in (opaque) when the page first heard: `undefined` until then,
   * `null` for a session with none. An answer for anyone else means the page is not theirs.
   */
  #subject: string | null | undefined;
  /** The page's session went to someone else or to no one: it ends and leaves, unseen. */
  #lost = false;
  /** The `ping-url` that was reported as malformed (once). */
  #badPingUrl: string | null = null;
  /** While an ended page keeps its work: the subject it may resume for (`null`: none, cannot resume). */
  #resumeFor: string | null | undefined;
  #resumeCheck: Promise<void> | null = null;

  constructor(options: SessionTimeoutOptions = {}) {
    this.#options = { ...options };
  }

  /** `active`, `warning` or `expired` (`active` while disabled). */
  get state(): IdleState {
    return this.#engine?.state ?? 'active';
  }

  /** While the warning is open: `idle` (can be extended) or `absolute` (cannot). */
  get warningReason(): EndReason | null {
    return this.#engine?.warningReason ?? null;
  }

  /** Seconds until the session ends, re-based on the freshest server answer. */
  get remaining(): number {
    return this.#engine?.remaining ?? this.durations.expireAfter;
  }

  /** The durations in force: the server's once it answered, else the configured ones (resolved). */
  get durations(): IdleDurations {
    if (this.#serverDurations) return this.#serverDurations;
    const { warnAfter, expireAfter } = resolveDurations(this.#options);
    return { warnAfter, expireAfter };
  }

  /** Wall-clock ms at which the warning opens unless there is activity; `null` while disabled. */
  get warnAt(): number | null {
    return this.#engine?.warnAt ?? null;
  }

  /** Wall-clock ms at which the session ends unless there is activity; `null` while disabled. */
  get expireAt(): number | null {
    return this.#engine?.expireAt ?? null;
  }

  /** Wall-clock ms of the last input in any tab of the browser (at worst the page's load); `null` while disabled. */
  get lastActivity(): number | null {
    return this.#engine?.lastActivity ?? null;
  }

  /** Seconds since the last input in any tab (what a ping reports); `null` while disabled. */
  get idleFor(): number | null {
    return this.#engine?.idle ?? null;
  }

  /**
   * @internal The engine itself, for the element until it reads the getters above; not part of the
   * API (issue 20: its methods bypass the coordinator's tabs, server and keep-alive).
   */
  get engine(): IdleEngine | null {
    return this.#engine;
  }

  /**
   * Changes options (bad durations fall back as in `resolveDurations`); does nothing when nothing
   * changed. Disabling forgets the session's timing: enabling again starts afresh.
   */
  configure(options: Partial<ConfigurableOptions>): void {
    const o = this.#options;
    const changed = CONFIGURABLE.filter((key) => key in options && options[key] !== o[key]);
    if (!changed.length) return;
    Object.assign(o, options);
    if (this.#running && (changed.includes('pingUrl') || changed.includes('pingRequest'))) this.#newClient();
    this.#engine?.configure({ ...this.durations, extendOnActivity: !!o.extendOnActivity });
    this.#newKeepAlive();
    if (this.#tabs && this.#tabs.name != this.#channelName()) this.#openTabs();
    if (this.#tracker?.connected && (changed.includes('activityEvents') || changed.includes('activityTarget'))) {
      this.#tracker.disconnect();
      this.#listenForInput();
    }
    this.#sync();
    this.#changed();
  }

  /** Starts (or resumes) the session on this page. */
  connect(): void {
    this.#connected = true;
    this.#sync();
  }

  /** Stops every listener, timer and request; {@link connect} resumes. */
  disconnect(): void {
    this.#connected = false;
    this.#sync();
  }

  /**
   * Extends the session now (closing the warning); with a `pingUrl`, tells the server (`{"idle": 0}`).
   * During an absolute warning it only closes it: see {@link dismiss}.
   */
  extend(): void {
    if (this.#running) this.#engine?.extend();
  }

  /** Closes an absolute warning without extending (in every tab). Does nothing otherwise. */
  dismiss(): void {
    if (this.#running) this.#engine?.dismiss();
  }

  /** Ends the session now, e.g. after the user signed out. */
  expire(reason: ExpireReason = 'logout'): void {
    this.#engine?.expire(reason);
  }

  /**
   * The session has ended and the page keeps the user's work: from now on, whenever a session may
   * have started again (another tab says so, the page becomes visible or gets focus), the server is
   * asked. Same subject as before the end → `onResume`; another subject, or none → `onResumeRefused`.
   * No answer yet (still signed out) → keep waiting.
   */
  awaitResume(): void {
    if (this.state != 'expired' || this.#resumeFor !== undefined) return;
    this.#resumeFor = this.#subject ?? null;
    this.#listenForResume(this.#running);
  }

  #stopAwaitingResume(): void {
    this.#resumeFor = undefined;
    this.#listenForResume(false);
  }

  /** The moments a session may have started again elsewhere: the page is looked at again. */
  #listenForResume(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('focus', this.#checkResume);
    document[method]('visibilitychange', this.#checkResume);
  }

  /** Asks the server whether a session started again, at most one question at a time. */
  readonly #checkResume = (): void => {
    if (this.#resumeFor === undefined || !this.#client || this.#resumeCheck || document.visibilityState == 'hidden') return;
    const client = this.#client;
    const idle = this.#engine?.idle ?? 0;
    const since = this.#now();
    this.#resumeCheck = client.ping(idle).then((result) => {
      this.#resumeCheck = null;
      if (client != this.#client || this.#resumeFor === undefined || result.kind != 'alive') return;
      const same = result.subject !== null && result.subject === this.#resumeFor;
      this.#stopAwaitingResume();
      if (!same) return this.#call(this.#options.onResumeRefused);
      // A fresh session: a new engine, adapters and tab membership, on the server's deadlines.
      this.#engine?.dispose();
      this.#engine = null;
      this.#running = false;
      this.#sync();
      const { kind: _, ...answer } = result;
      const message: ServerMessage = { type: 'server', at: since, ...answer };
      this.#applyServer(message);
      this.#tabs?.post(message);
      this.#call(this.#options.onResume, this.remaining);
      this.#changed();
    });
  };

  /**
   * Keeps the session alive until the returned function is called (no idle warning, no idle end; an
   * absolute limit still applies). Holds nest; releasing twice is harmless.
   */
  hold(): () => void {
    let held = true;
    if (!this.#holds++) {
      this.#release = this.#engine?.hold();
      this.#armHold();
    }
    return () => {
      if (held && ((held = false), !--this.#holds)) {
        this.#release?.();
        this.#disarmHold();
        this.#changed(); // the deadlines are back
      }
    };
  }

  /** Runs the engine and its adapters exactly while connected and not disabled. */
  #sync(): void {
    const o = this.#options;
    const run = this.#connected && !o.disabled;
    if (run == this.#running) return;
    this.#running = run;
    this.#engine?.stop();
    this.#tracker?.disconnect();
    this.#tabs?.close();
    this.#tabs = null;
    this.#disarmHold();
    this.#disarmAsk();
    this.#listenForResume(false);
    if (o.disabled) {
      // Enabling again starts afresh, even after the end (and a kept page no longer waits to resume).
      this.#engine = null;
      this.#resumeFor = undefined;
    }
    this.#newClient();
    if (run) {
      const engine = (this.#engine ??= this.#newEngine());
      this.#newKeepAlive();
      this.#openTabs();
      if (engine.state != 'expired') {
        // Connecting is not activity (nor is connecting again, the host moved in the DOM): only
        // trusted input is. An open warning stays open.
        this.#listenForInput();
        engine.start();
        // The last input the page knows (at worst its load, a request) is no news for a keep-alive:
        // the server has seen it, or the start-up ping below tells it (else every tab opened would ping at once).
        this.#keepAlive!.sent(engine.lastActivity);
        this.#askAround();
        if (this.#holds) this.#armHold();
      } else {
        this.#tabs!.resign();
        // Moved in the DOM while keeping work: still waiting for the same user to sign in again.
        if (this.#resumeFor !== undefined) this.#listenForResume(true);
      }
    }
    this.#changed();
  }

  /** Input listeners on, where and for what the options say. */
  #listenForInput(): void {
    const { activityTarget, document, activityEvents } = this.#options;
    this.#tracker!.connect(activityTarget ?? document, activityEvents?.length ? activityEvents : undefined);
  }

  /**
   * Learns the last input and the server's durations and deadlines early: the other tabs are asked
   * first; with a server, when no tab answers within {@link ASK_TABS_WAIT}, one ping asks it.
   */
  #askAround(): void {
    this.#tabs!.post({ type: 'hello' });
    if (this.#client) this.#armAsk(ASK_TABS_WAIT);
  }

  #armAsk(ms: number): void {
    this.#disarmAsk();
    this.#askTimer = this.#scheduler().setTimeout(() => {
      this.#askTimer = undefined;
      if (this.#engine?.state == 'active') void this.#ping(this.#engine.idle);
    }, ms);
  }

  #disarmAsk(): void {
    if (this.#askTimer !== undefined) this.#scheduler().clearTimeout(this.#askTimer);
    this.#askTimer = undefined;
  }

  /** The channel the tabs of one session share: `channel`, else one per ping endpoint. */
  #channelName(): string {
    const { channel, pingUrl } = this.#options;
    if (channel) return channel;
    if (!pingUrl) return 'session-timeout';
    return `session-timeout:${this.#pingUrl()?.pathname ?? pingUrl}`;
  }

  /**
   * `ping-url` resolved, `null` when absent or not a URL. A malformed one is said once on the
   * console and the page counts down on its own attributes (fail closed: it ends there, with no
   * server to keep it alive), rather than throwing in the middle of starting up with no timer set.
   */
  #pingUrl(): URL | null {
    const { pingUrl } = this.#options;
    if (!pingUrl) return null;
    try {
      return new URL(pingUrl, location.href);
    } catch (error) {
      if (this.#badPingUrl !== pingUrl) {
        this.#badPingUrl = pingUrl;
        console.error(`<session-timeout> ping-url "${pingUrl}" is not a URL (${error}): no pings; the session ends after expire-after of inactivity on this page's own count`);
      }
      return null;
    }
  }

  /** (Re)joins the tabs' channel under its current name; an ended page listens but never leads. */
  #openTabs(): void {
    this.#tabs?.close();
    this.#tabs = new TabSync({ name: this.#channelName(), onMessage: this.#onTab });
    if (this.#engine?.state == 'expired') this.#tabs.resign();
  }

  /** The keep-alive policy, its interval from the durations in force. */
  #newKeepAlive(): void {
    const engine = this.#engine;
    if (!engine) return;
    const interval = effectivePingInterval(this.#options.pingInterval, engine.warnAfter, engine.expireAfter);
    if (this.#keepAlive) this.#keepAlive.interval = interval;
    else this.#keepAlive = new KeepAlive({ interval, now: this.#options.now });
  }

  /**
   * Adopts the server's durations (the attributes were a guess). Says once on the console when the
   * page's own attributes disagree: the page then shows the server's times.
   */
  #adopt(expireAfter: number | null | undefined, warnAfter: number | null | undefined): void {
    if (expireAfter == null) return; // a server that does not say keeps the configured values
    const { warnAfter: w, expireAfter: e } = resolveDurations({ expireAfter, warnAfter });
    const current = this.#serverDurations;
    if (current?.warnAfter == w && current.expireAfter == e) return;
    this.#serverDurations = { warnAfter: w, expireAfter: e };
    const o = this.#options;
    const configured = resolveDurations(o);
    if ((o.warnAfter != null || o.expireAfter != null) && !this.#mismatchReported &&
        (configured.warnAfter != w || configured.expireAfter != e)) {
      this.#mismatchReported = true;
      const server = this.#serverDurations;
      explain((messages) => messages.durationsDiffer(server, configured), (line) => console.warn(`<session-timeout> ${line}`));
    }
    this.#engine?.configure({ warnAfter: w, expireAfter: e });
    this.#newKeepAlive();
    this.#debug("adopted the server's durations", this.#serverDurations);
  }

  /** With `debug`: one console line per decision. */
  #debug(what: string, detail?: unknown): void {
    if (this.#options.debug) console.debug(`<session-timeout> ${what}`, detail ?? '');
  }

  /**
   * A server answer, from this tab's ping or another tab's: whose session it is first, then the
   * durations, then the deadlines.
   */
  #applyServer(message: ServerMessage): void {
    const { subject } = message;
    if (subject !== undefined) {
      // An answer for another user (or for none) after this page's: someone signed in over the
      // page's user, or signed them out. An absent subject is an older element's message: unknown.
      if (this.#subject === undefined) this.#subject = subject;
      else if (this.#subject !== null && subject !== this.#subject) return this.#leave();
    }
    this.#lastServer = message;
    this.#disarmAsk();
    this.#adopt(message.expireAfter, message.warnAfter);
    this.#engine?.rebase(message.remaining, message.absoluteRemaining, message.at);
    this.#changed();
  }

  /** Input went on in this tab (at most once a second): tell the other tabs, and the server when due. */
  #onActive(at: number): void {
    const engine = this.#engine;
    if (!engine) return;
    engine.recordActivity(at);
    // Input behind an open warning does not count, so it is not news either.
    if (engine.lastActivity != at) return;
    this.#tabs?.post({ type: 'activity', at });
    this.#keepAliveIfDue();
  }

  /** Sends the keep-alive ping when one is due: there is news, it is this tab's turn, the browser is online. */
  #keepAliveIfDue(): void {
    const engine = this.#engine;
    const keepAlive = this.#keepAlive;
    if (!engine || !keepAlive || !this.#client || engine.state != 'active' || navigator.onLine === false) return;
    if (keepAlive.due(engine.lastActivity, this.#tabs?.isLeader ?? true)) void this.#ping(engine.idle);
  }

  /**
   * While held, nobody's input says the user is there: once per interval the hold counts as input,
   * and takes the same path (other tabs, keep-alive policy, backoff, online, leader). Never once expired.
   */
  #armHold(): void {
    this.#disarmHold();
    if (!this.#running || this.#engine?.state == 'expired') return;
    this.#holdTimer = this.#scheduler().setTimeout(() => {
      this.#onActive(this.#now());
      this.#armHold();
    }, (this.#keepAlive?.interval ?? 60) * 1000);
  }

  #disarmHold(): void {
    if (this.#holdTimer !== undefined) this.#scheduler().clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
  }

  /**
   * A lifecycle event (the tracker's): deadlines re-read from the clock. Back `online`, what waited
   * for the network goes now, without the rest of the backoff's wait; restored from the back/forward
   * cache, the session may have ended meanwhile, so the server is asked.
   */
  #onLifecycle(event?: Event): void {
    const engine = this.#engine!;
    if (event?.type == 'online') this.#keepAlive?.succeeded();
    engine.reevaluate();
    if ((event as PageTransitionEvent | undefined)?.persisted && this.#client) void this.#ping(engine.idle);
    else this.#keepAliveIfDue();
  }

  /** A message from another tab of this browser. */
  readonly #onTab = (message: TabMessage): void => {
    const engine = this.#engine;
    this.#debug('tab said', message);
    if (!engine) return;
    // An ended page that keeps its work: another tab's news may be a session started again.
    if (engine.state == 'expired' && message.type != 'expire') return this.#checkResume();
    this.#fromTab = true;
    try {
      switch (message.type) {
        case 'activity':
          // Counts even behind this tab's open warning: the user is at work in another tab.
          engine.recordActivityElsewhere(message.at);
          this.#keepAliveIfDue();
          break;
        case 'extend':
          engine.extend('tab');
          break;
        case 'dismiss':
          engine.dismiss();
          break;
        case 'server':
          this.#applyServer(message);
          break;
        case 'hello':
          // A new tab starts from what this one knows: the last input, the server's last answer.
          this.#tabs?.post({ type: 'activity', at: engine.lastActivity });
          if (this.#lastServer) this.#tabs?.post(this.#lastServer);
          break;
        case 'pinged':
          this.#keepAlive?.seen(message.at);
          // A tab that is still asking around: the answer to that ping will come on the channel.
          if (this.#askTimer !== undefined) this.#armAsk(ASK_TABS_PATIENCE);
          break;
        case 'expire':
          engine.expire(message.reason);
          break;
      }
    } finally {
      this.#fromTab = false;
    }
  };

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #scheduler(): Scheduler {
    return this.#options.scheduler ?? globalThis;
  }

  #newEngine(): IdleEngine {
    const o = this.#options;
    const tracker = new ActivityTracker({
      reevaluate: (event) => this.#onLifecycle(event),
      active: (at) => this.#onActive(at),
    }, o.now);
    this.#tracker = tracker;
    const engine: IdleEngine = new IdleEngine({
      ...this.durations,
      // Not the making of the element: the last input the page knows (at worst its load).
      lastInput: tracker.pageLastInput,
      // With no server to ask, the page's last input is the truth: counted from, not from this making.
      fromLastInput: !this.#client,
      now: o.now,
      scheduler: o.scheduler,
      input: () => tracker.lastInput,
      extendOnActivity: !!o.extendOnActivity,
      // With a server, one ping decides before the warning opens and before the session ends.
      confirm: () => (this.#client ? this.#ping(engine.idle) : undefined),
      onListenerError: this.#callbackError,
    });
    engine.subscribe(this.#onEngine);
    if (this.#holds) this.#release = engine.hold();
    return engine;
  }

  /** A ping client for the current URL while running; aborts the previous one's requests. */
  #newClient(): void {
    const { pingUrl, fetch, pingRequest } = this.#options;
    this.#client?.abort();
    this.#client = this.#running && pingUrl && this.#pingUrl() ? new PingClient({ url: pingUrl, fetch, request: pingRequest ?? undefined }) : null;
  }

  /**
   * The page's session now belongs to someone else or to no one: it ends here (timers, listeners,
   * leadership) without the end's own path (no `onExpire`, no kept work, nothing told to the other
   * tabs, which may be the new user's), and the page is told to leave, as a refused resume does.
   */
  #leave(): void {
    if (this.#lost || !this.#engine || this.#engine.state == 'expired') return;
    this.#lost = true;
    this.#engine.expire('server');
  }

  readonly #callbackError = (error: unknown): void => (this.#options.onCallbackError ?? rethrowLater)(error);

  /** Calls a user callback; what it throws is reported and changes nothing here. */
  #call<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A): void {
    try {
      callback?.(...args);
    } catch (error) {
      this.#callbackError(error);
    }
  }

  #changed(): void {
    this.#call(this.#options.onChange);
  }

  readonly #onEngine = (event: IdleEngineEvent): void => {
    const o = this.#options;
    if (event.type != 'tick') this.#debug(event.type, event);
    switch (event.type) {
      case 'warn':
        this.#call(o.onWarn, event.remaining, event.reason);
        break;
      case 'tick':
        this.#call(o.onTick, event.remaining);
        break;
      case 'extend':
        if (event.source != 'server' && event.source != 'tab') {
          void this.#ping(0);
          this.#tabs?.post({ type: 'extend', at: this.#now() });
        }
        this.#call(o.onExtend, event.remaining, event.source);
        break;
      case 'dismiss':
        if (!this.#fromTab) this.#tabs?.post({ type: 'dismiss' });
        this.#call(o.onDismiss, event.remaining);
        break;
      case 'expire':
        this.#tracker?.disconnect();
        this.#disarmHold();
        this.#disarmAsk();
        if (!this.#fromTab && !this.#lost) this.#tabs?.post({ type: 'expire', reason: event.reason });
        // The live tabs need a leader; this page keeps listening.
        this.#tabs?.resign();
        if (this.#lost) this.#call(o.onResumeRefused);
        else this.#call(o.onExpire, event.reason);
        break;
    }
    this.#changed();
  };

  /**
   * Sends one ping (keep-alive, extend, confirmation or start-up alike: each tells the server the
   * news, so the keep-alive policy and the other tabs count it) and applies its answer, unless a
   * newer ping overtook it or the session stopped.
   */
  async #ping(idle: number): Promise<void> {
    // A new client comes with every (re)start, so an answer to an old one is never applied.
    const engine = this.#engine!;
    const client = this.#client;
    if (!client) return;
    const seq = ++this.#pingSeq;
    const since = this.#now();
    this.#keepAlive?.sent(engine.lastActivity);
    this.#tabs?.post({ type: 'pinged', at: since });
    this.#debug('ping', { idle });
    const result = await client.ping(idle);
    this.#debug('ping answered', result);
    if (client != this.#client) return;
    if (result.kind == 'unknown') this.#keepAlive?.failed();
    else this.#keepAlive?.succeeded();
    if (seq != this.#pingSeq) return;
    if (result.kind == 'alive') {
      const { kind: _, ...answer } = result;
      const message: ServerMessage = { type: 'server', at: since, ...answer };
      this.#applyServer(message);
      this.#tabs?.post(message);
    } else if (result.kind == 'ended') {
      // `missing`: no session at all (signed out elsewhere, revoked), not one that timed out.
      if (result.missing) this.#leave();
      else engine.expire(result.reason);
    }
    else {
      this.#reportDeadPing(result.status, result.error);
      this.#call(this.#options.onError, result.error, result.status);
    }
  }

  /**
   * A ping the server answered, but not with the protocol (404, 403, 500, an HTML login page…) is a
   * configuration mistake, not a blip: the session cannot be kept alive from this page. Said once per
   * status on the console. Network errors, timeouts and 502–504 are passing, and stay quiet.
   */
  #reportDeadPing(status: number, error: Error): void {
    if (status == 0 || (status >= 502 && status <= 504) || this.#deadPingReported.has(status)) return;
    this.#deadPingReported.add(status);
    explain((messages) => messages.deadPing(error), (line) => console.error(`<session-timeout> ${line}`));
  }
}
