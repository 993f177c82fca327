/**
 * `SessionCoordinator`: one page's part in a session. It wires the idle engine to the activity
 * adapter, the ping client, the keep-alive policy and the other tabs, and imports no Lit: it is a Lit
 * `ReactiveController` by shape (`hostConnected`…), and any other view layer can use it directly.
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
 * Each concern is its own module under `session/`: the options, asking around, holds, resume, what
 * the server said, the endpoint, presence (the last tab closed ends the session); this one wires them
 * and the engine, the tabs and the pings.
 *
 * @module
 */
import { ActivityTracker } from '../browser/activity.js';
import {
  IdleEngine,
  rethrowLater,
  type EndReason,
  type ExpireReason,
  type IdleDurations,
  type IdleEngineEvent,
  type IdleState,
  type Scheduler,
} from '../idle/engine.js';
import { KeepAlive, effectivePingInterval } from '../idle/keep-alive.js';
import { AnsweredPings } from './answers.js';
import { AskAround } from './ask-around.js';
import { Endpoint } from './endpoint.js';
import { Holds } from './holds.js';
import { Pinger } from './pinger.js';
import { Presence } from './presence.js';
import {
  changedOptions,
  type ConfigurableOptions,
  type SessionTimeoutControllerOptions,
  type SessionTimeoutOptions,
} from './options.js';
import { ResumeWatch } from './resume.js';
import { ServerWord } from './server-word.js';
import { TabRelay } from './tab-relay.js';
import type { ServerMessage } from '../browser/tab-sync.js';

export type { ConfigurableOptions, SessionTimeoutControllerOptions, SessionTimeoutOptions };
export { ASK_TABS_PATIENCE, ASK_TABS_WAIT } from './ask-around.js';

/**
 * Runs one page's session: `connect()` starts everything, `disconnect()` stops everything (listeners,
 * timers, requests in flight), and the session's timing survives a reconnection. As a Lit
 * `ReactiveController` (see `SessionTimeoutController`), `hostConnected` and `hostDisconnected` do the
 * same, reading `config` first.
 *
 * @example
 * const session = new SessionCoordinator({ pingUrl: '/session/ping', onChange: render,
 *   onExpire: () => location.assign('/login?reason=idle') });
 * session.connect();
 */
export class SessionCoordinator {
  readonly #options: SessionTimeoutOptions;
  readonly #config?: () => Partial<ConfigurableOptions>;
  #engine: IdleEngine | null = null;
  #tracker: ActivityTracker | null = null;
  #connected = false;
  #running = false;
  #keepAlive: KeepAlive | null = null;
  /** The page's session went to someone else or to no one: it ends and leaves, unseen. */
  #lost = false;
  /** {@link leader} as last reported to `onLeader`. */
  #leaderSaid = false;
  readonly #answered = new AnsweredPings();
  readonly #endpoint = new Endpoint();
  readonly #server = new ServerWord();
  readonly #tabs = new TabRelay({
    engine: () => this.#engine,
    keepAliveIfDue: () => this.#keepAliveIfDue(),
    server: (message) => this.#applyServer(message),
    lastServer: () => this.#server.last,
    pinged: (at) => {
      this.#keepAlive?.seen(at);
      this.#presence.pinged(at);
      this.#ask.anotherTabPinged();
    },
    closing: (at) => this.#presence.closingHeard(at),
    news: () => this.#resume.check(),
    leader: () => this.#leaderChanged(),
    debug: (what, detail) => this.#debug(what, detail),
  });
  readonly #pinger = new Pinger({
    keepAlive: () => this.#keepAlive,
    pinged: (at) => {
      this.#tabs.post({ type: 'pinged', at });
      this.#presence.pinged(at);
    },
    now: () => this.#now(),
    debug: (what, detail) => this.#debug(what, detail),
  });
  readonly #presence: Presence = new Presence({
    now: () => this.#now(),
    scheduler: () => this.#scheduler(),
    leader: () => this.#tabs.isLeader,
    live: () => this.#running && !!this.#pinger.client && !!this.#engine && this.#engine.state != 'expired',
    // The true idle time: presence is never activity.
    ping: () => void this.#ping(this.#engine!.idle),
    beacon: () => this.#pinger.client?.beacon(this.#engine!.idle) ?? false,
    post: (message) => this.#tabs.post(message),
    debug: (what, detail) => this.#debug(what, detail),
  });
  readonly #ask = new AskAround(() => this.#scheduler(), () => {
    if (this.#engine?.state == 'active') void this.#ping(this.#engine.idle);
  });
  readonly #holds = new Holds(() => this.#scheduler(), {
    live: () => this.#running && this.#engine?.state != 'expired',
    interval: () => this.#keepAlive?.interval ?? 60,
    input: () => this.#onActive(this.#now()),
    released: () => this.#changed(), // the deadlines are back
  });
  readonly #resume = new ResumeWatch({
    client: () => this.#pinger.client,
    idle: () => this.#engine?.idle ?? 0,
    now: () => this.#now(),
    refused: () => this.#call(this.#options.onResumeRefused),
    resumed: ({ kind: _, ...answer }, since) => {
      // A fresh session: a new engine, adapters and tab membership, on the server's deadlines.
      this.#engine?.dispose();
      this.#engine = null;
      this.#running = false;
      this.#sync();
      const message: ServerMessage = { type: 'server', at: since, ...answer };
      this.#applyServer(message, true);
      this.#tabs.post(message);
      this.#call(this.#options.onResume, this.remaining);
      this.#changed();
    },
  });

  constructor(options: SessionTimeoutControllerOptions = {}) {
    const { config, ...rest } = options;
    this.#options = rest;
    this.#config = config;
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
    return this.#server.durations(this.#options);
  }

  /** Wall-clock ms at which the warning opens unless there is activity; `null` while disabled. */
  get warnAt(): number | null {
    return this.#engine?.warnAt ?? null;
  }

  /** Wall-clock ms at which the session ends unless there is activity; `null` while disabled. */
  get expireAt(): number | null {
    return this.#engine?.expireAt ?? null;
  }

  /**
   * When the user last gave input in any tab of the browser (at worst the page's load, or an
   * `extend()`); `null` before `connect()` and while disabled. A new `Date` at each read.
   */
  get lastActivity(): Date | null {
    const at = this.#engine?.lastActivity;
    return at == null ? null : new Date(at);
  }

  /**
   * Seconds since {@link lastActivity}, from the wall clock: what a ping would report as `idle`
   * (so `0` while a {@link hold} is on); `null` before `connect()` and while disabled.
   */
  get idleFor(): number | null {
    return this.#engine?.idle ?? null;
  }

  /**
   * Whether this tab sends the keep-alive pings for every tab of the browser. Alone, a tab leads once
   * the election settles (at once, or a few ms after `connect()` where Web Locks decide); `false`
   * while disconnected, disabled or ended. `onLeader` says when it changes.
   */
  get leader(): boolean {
    return this.#running && this.#tabs.isLeader;
  }

  /**
   * Changes options (bad durations fall back as in `resolveDurations`); does nothing when nothing
   * changed. Disabling forgets the session's timing: enabling again starts afresh.
   */
  configure(options: Partial<ConfigurableOptions>): void {
    const o = this.#options;
    const changed = changedOptions(o, options);
    if (!changed.length) return;
    Object.assign(o, options);
    if (this.#running && (changed.includes('pingUrl') || changed.includes('pingRequest'))) this.#newClient();
    this.#engine?.configure({ ...this.durations, extendOnActivity: !!o.extendOnActivity });
    this.#newKeepAlive();
    if (this.#tabs.name !== null && this.#tabs.name != this.#endpoint.channel(o)) this.#openTabs();
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

  /** Lit: the host connected. Reads `config`, then {@link connect}. */
  hostConnected(): void {
    this.#readConfig();
    this.connect();
  }

  /** Lit: before each of the host's updates, `config` is read again. */
  hostUpdate(): void {
    this.#readConfig();
  }

  /** Lit: the host disconnected. {@link disconnect}. */
  hostDisconnected(): void {
    this.disconnect();
  }

  #readConfig(): void {
    if (this.#config) this.configure(this.#config());
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
    if (this.state != 'expired' || this.#resume.waiting) return;
    this.#resume.start(this.#server.subject ?? null, this.#running);
  }

  /**
   * Keeps the session alive until the returned function is called (no idle warning, no idle end; an
   * absolute limit still applies). Holds nest; releasing twice is harmless.
   *
   * @example
   * const release = session.hold();
   * video.addEventListener('pause', release, { once: true });
   */
  hold(): () => void {
    return this.#holds.hold(this.#engine);
  }

  /** Runs the engine and its adapters exactly while connected and not disabled. */
  #sync(): void {
    const o = this.#options;
    const run = this.#connected && !o.disabled;
    if (run == this.#running) return;
    this.#running = run;
    this.#engine?.stop();
    this.#tracker?.disconnect();
    this.#tabs.close();
    this.#holds.disarm();
    this.#ask.stop();
    this.#presence.stop();
    this.#presence.listen(null);
    this.#resume.listen(false);
    // Answers to pings that leave from now on are news to this page; older ones are not.
    if (run) this.#answered.begin(this.#now());
    if (o.disabled) {
      // Enabling again starts afresh, even after the end (and a kept page no longer waits to resume).
      this.#engine = null;
      this.#resume.stop();
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
        this.#ask.start((message) => this.#tabs.post(message), !!this.#pinger.client);
        this.#holds.arm();
        this.#presence.listen(this.#options.document?.defaultView ?? globalThis);
        this.#presence.schedule();
      } else {
        this.#tabs.resign();
        // Moved in the DOM while keeping work: still waiting for the same user to sign in again.
        if (this.#resume.waiting) this.#resume.listen(true);
      }
    }
    this.#leaderChanged();
    this.#changed();
  }

  /** Input listeners on, where and for what the options say. */
  #listenForInput(): void {
    const { activityTarget, document, activityEvents } = this.#options;
    this.#tracker!.connect(activityTarget ?? document, activityEvents?.length ? activityEvents : undefined);
  }

  /** (Re)joins the tabs' channel under its current name; an ended page listens but never leads. */
  #openTabs(): void {
    this.#tabs.open(this.#endpoint.channel(this.#options), this.#engine?.state == 'expired');
  }

  /** The keep-alive policy, its interval from the durations in force. */
  #newKeepAlive(): void {
    const engine = this.#engine;
    if (!engine) return;
    const interval = effectivePingInterval(this.#options.pingInterval, engine.warnAfter, engine.expireAfter);
    if (this.#keepAlive) this.#keepAlive.interval = interval;
    else this.#keepAlive = new KeepAlive({ interval, now: this.#options.now });
  }

  /** With `debug`: one console line per decision. */
  #debug(what: string, detail?: unknown): void {
    if (this.#options.debug) console.debug(`<session-timeout> ${what}`, detail ?? '');
  }

  /**
   * A server answer, from this tab's ping (`own`) or another tab's: whose session it is first, then
   * the durations, then the deadlines.
   */
  #applyServer(message: ServerMessage, own = false): void {
    const server = this.#server;
    if (server.forSomeoneElse(message.subject)) return this.#leave();
    server.heard(message);
    this.#ask.stop();
    const adopted = server.adopt(message.expireAfter, message.warnAfter, this.#options);
    // Said before what the answer causes (a warning closing, the end), as it happened.
    if (this.#answered.fresh(message, own)) this.#call(this.#options.onPing, message.remaining, this.durations);
    if (adopted) {
      this.#engine?.configure(adopted);
      this.#newKeepAlive();
      this.#debug("adopted the server's durations", adopted);
    }
    this.#engine?.rebase(message.remaining, message.absoluteRemaining, message.at);
    this.#presence.heard(message.closeAfter);
    this.#changed();
  }

  /** Input went on in this tab (at most once a second): tell the other tabs, and the server when due. */
  #onActive(at: number): void {
    const engine = this.#engine;
    if (!engine) return;
    engine.recordActivity(at);
    // Input behind an open warning does not count, so it is not news either.
    if (engine.lastActivity != at) return;
    this.#tabs.post({ type: 'activity', at });
    this.#keepAliveIfDue();
  }

  /** Sends the keep-alive ping when one is due: there is news, it is this tab's turn, the browser is online. */
  #keepAliveIfDue(): void {
    const engine = this.#engine;
    const keepAlive = this.#keepAlive;
    if (!engine || !keepAlive || !this.#pinger.client || engine.state != 'active' || navigator.onLine === false) return;
    if (keepAlive.due(engine.lastActivity, this.#tabs.isLeader)) void this.#ping(engine.idle);
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
    if ((event as PageTransitionEvent | undefined)?.persisted && this.#pinger.client) void this.#ping(engine.idle);
    else this.#keepAliveIfDue();
  }

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
      fromLastInput: !this.#pinger.client,
      now: o.now,
      scheduler: o.scheduler,
      input: () => tracker.lastInput,
      extendOnActivity: !!o.extendOnActivity,
      // With a server, one ping decides before the warning opens and before the session ends.
      confirm: () => (this.#pinger.client ? this.#ping(engine.idle) : undefined),
      onListenerError: this.#callbackError,
    });
    engine.subscribe(this.#onEngine);
    this.#holds.adopt(engine);
    return engine;
  }

  /** A ping client for the current URL while running (none for a malformed one); aborts the previous one's requests. */
  #newClient(): void {
    const { pingUrl, fetch, pingRequest } = this.#options;
    this.#pinger.renew(this.#running && pingUrl && this.#endpoint.url(pingUrl) ? pingUrl : null, fetch, pingRequest);
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

  /** Tells `onLeader` when {@link leader} is no longer what it last said. */
  #leaderChanged(): void {
    const leader = this.leader;
    if (leader == this.#leaderSaid) return;
    this.#leaderSaid = leader;
    this.#debug('leader', leader);
    this.#call(this.#options.onLeader, leader);
    this.#changed();
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
        // This page's own extend (not the server's, not another tab's): the server hears it.
        if (event.source != 'server' && event.source != 'tab') void this.#ping(0);
        this.#tabs.tell(event, this.#now(), this.#lost);
        this.#call(o.onExtend, event.remaining, event.source);
        break;
      case 'dismiss':
        this.#tabs.tell(event, this.#now(), this.#lost);
        this.#call(o.onDismiss, event.remaining);
        break;
      case 'expire':
        this.#tracker?.disconnect();
        this.#holds.disarm();
        this.#ask.stop();
        this.#presence.stop();
        this.#tabs.tell(event, this.#now(), this.#lost);
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
    if (!this.#pinger.client) return;
    const engine = this.#engine!;
    const sent = await this.#pinger.send(idle, engine.lastActivity);
    if (!sent) return;
    const { result, since } = sent;
    if (result.kind == 'alive') {
      const { kind: _, ...answer } = result;
      const message: ServerMessage = { type: 'server', at: since, ...answer };
      this.#applyServer(message, true);
      this.#tabs.post(message);
    } else if (result.kind == 'ended') {
      // `missing`: no session at all (signed out elsewhere, revoked), not one that timed out.
      if (result.missing) this.#leave();
      else engine.expire(result.reason);
    } else {
      this.#server.reportDeadPing(result.status, result.error);
      this.#call(this.#options.onError, result.error, result.status);
    }
  }
}
