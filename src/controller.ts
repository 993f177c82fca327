/**
 * `SessionTimeoutController`: the idle engine, the activity adapter and the ping client wired to a
 * Lit host. The `<session-timeout>` element is one host; any Lit component can be another and render
 * its own warning.
 *
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ActivityTracker } from './activity.js';
import {
  IdleEngine,
  type ExpireReason,
  type ExtendSource,
  type IdleEngineEvent,
  type IdleState,
  type Scheduler,
} from './idle/engine.js';
import { KeepAlive, effectivePingInterval } from './keep-alive.js';
import { PingClient } from './ping-client.js';
import { TabSync, type TabMessage } from './tab-sync.js';


/** Options of {@link SessionTimeoutController}. Durations in seconds. */
export interface SessionTimeoutOptions {
  /** Seconds of inactivity before the warning. Default 540. Bad values fall back as in `resolveDurations`. */
  warnAfter?: number;
  /** Seconds of inactivity before the session ends. Default 600. */
  expireAfter?: number;
  /** The server's ping endpoint; `null`/absent: client-only, no network. */
  pingUrl?: string | null;
  /**
   * The fewest seconds between two keep-alive pings while the user is active, across all tabs.
   * Default: half of `expireAfter − warnAfter`, at most 60 s; a longer value is shortened to that, so
   * an active user's server session never lapses (see `effectivePingInterval`).
   */
  pingInterval?: number | null;
  /** Name of the cross-tab channel. Default: derived from `pingUrl` (`session-timeout:<path>`). */
  channel?: string | null;
  /** Activity while the warning is open extends the session. Default `false`. */
  extendOnActivity?: boolean;
  /** No listeners, no timers, no pings. Default `false`. */
  disabled?: boolean;
  /** Called when the warning opens; `remaining` in seconds. */
  onWarn?: (remaining: number) => void;
  /** Called once a second while the warning is open. */
  onTick?: (remaining: number) => void;
  /** Called when the session was extended (by the user, by activity, by a hold or by the server). */
  onExtend?: (remaining: number, source: ExtendSource) => void;
  /** Called once when the session ends. */
  onExpire?: (reason: ExpireReason) => void;
  /** Called when a ping failed (network, timeout, 5xx…); the session goes on counting down locally. */
  onError?: (error: Error, status: number) => void;
  /** Clock (wall-clock ms) and timers, for tests. */
  now?: () => number;
  scheduler?: Scheduler;
  /** The document whose input counts. Default `document`. */
  document?: Document;
  /** The fetch used for pings. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

type Configurable = Pick<SessionTimeoutOptions,
  'warnAfter' | 'expireAfter' | 'pingUrl' | 'pingInterval' | 'channel' | 'extendOnActivity' | 'disabled'>;

/**
 * Tracks the user's inactivity for a Lit host and asks it to re-render when the state changes and once a
 * second while the warning is open. `hostConnected` starts everything, `hostDisconnected` stops
 * everything (listeners, timers, requests in flight).
 *
 * With a `pingUrl` the server has the last word: before the warning opens and before the session ends,
 * one ping asks whether another tab or device kept the session alive, and its `remaining` re-bases the
 * deadlines; `extend()` pings `{"idle": 0}`; a 401 ends the session; a failed ping calls `onError` and
 * the countdown goes on locally.
 *
 * Keep-alive: while the user is active, the server hears of it at most once per `pingInterval` across
 * all tabs (sent by the leader tab, driven by activity: nothing runs while the user is idle). Tabs of
 * the browser share activity, extensions, server answers and the end of the session over `channel`.
 *
 * @example
 * class MyApp extends LitElement {
 *   #session = new SessionTimeoutController(this, {
 *     warnAfter: 840, expireAfter: 900, pingUrl: '/session/ping',
 *     onExpire: () => location.assign('/login?reason=idle'),
 *   });
 *   render() {
 *     return this.#session.state === 'warning'
 *       ? html`Signing out in ${Math.ceil(this.#session.remaining)} s
 *              <button @click=${() => this.#session.extend()}>Stay</button>`
 *       : html`<slot></slot>`;
 *   }
 * }
 */
export class SessionTimeoutController implements ReactiveController {
  readonly host: ReactiveControllerHost;
  readonly #options: SessionTimeoutOptions;
  #engine: IdleEngine | null = null;
  #tracker!: ActivityTracker;
  #client: PingClient | null = null;
  #connected = false;
  #running = false;
  /** Pings are numbered: only the answer to the latest one is applied (an older one is stale). */
  #pingSeq = 0;
  /** The controller's holds, mapped onto one engine hold (so that they survive a new engine). */
  #holds = 0;
  #release?: () => void;
  /** Re-pings while a hold keeps the session alive: nobody's input says so. */
  #holdTimer: unknown;
  #tabs: TabSync | null = null;
  #keepAlive: KeepAlive | null = null;
  /** True while a message from another tab is applied: what it causes is not echoed back. */
  #fromTab = false;

  constructor(host: ReactiveControllerHost, options: SessionTimeoutOptions = {}) {
    (this.host = host).addController(this);
    this.#options = { ...options };
  }

  /** `active`, `warning` or `expired` (`active` while disabled). */
  get state(): IdleState {
    return this.#engine?.state ?? 'active';
  }

  /** Seconds until the session ends, re-based on the freshest server answer. */
  get remaining(): number {
    return this.#engine?.remaining ?? 0;
  }

  /**
   * The engine, while there is one: read `warnAt`, `expireAt`, `idle`, `lastActivity` from it; drive
   * the session through the controller.
   */
  get engine(): IdleEngine | null {
    return this.#engine;
  }

  /** Changes options (bad durations fall back as in `resolveDurations`). Disabling forgets the session's timing. */
  configure(options: Partial<Configurable>): void {
    const o = Object.assign(this.#options, options);
    if (this.#running && (o.pingUrl || null) !== (this.#client?.url ?? null)) this.#newClient();
    this.#engine?.configure({ warnAfter: o.warnAfter, expireAfter: o.expireAfter, extendOnActivity: !!o.extendOnActivity });
    this.#newKeepAlive();
    if (this.#tabs && this.#tabs.name != this.#channelName()) this.#openTabs();
    this.#sync();
  }

  /** Extends the session now (closing the warning); with a `pingUrl`, tells the server (`{"idle": 0}`). */
  extend(): void {
    if (this.#running) this.#engine?.extend();
  }

  /** Ends the session now, e.g. after the user signed out. */
  expire(reason: ExpireReason = 'logout'): void {
    this.#engine?.expire(reason);
  }

  /**
   * Keeps the session alive until the returned function is called. Holds nest; releasing twice is harmless.
   *
   * @example
   * const release = controller.hold();
   * video.addEventListener('pause', release, { once: true });
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
      }
    };
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#sync();
  }

  /** Runs the engine and its adapters exactly while the host is connected and not disabled. */
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
    if (o.disabled && this.#engine?.state != 'expired') this.#engine = null; // re-enabling starts afresh
    this.#newClient();
    if (run) {
      const engine = (this.#engine ??= this.#newEngine());
      this.#newKeepAlive();
      if (engine.state != 'expired') {
        // Connecting again (the host moved in the DOM) counts as activity; an open warning stays open.
        engine.recordActivity();
        this.#tracker.connect(o.document);
        this.#openTabs();
        engine.start();
        // The page load was a request: the server has just seen it as activity, so it is no news
        // for a keep-alive (else every tab opened would ping at once), but it is for the other tabs.
        this.#keepAlive!.sent(engine.lastActivity);
        this.#tabs!.post({ type: 'activity', at: engine.lastActivity });
        if (this.#holds) this.#armHold();
      }
    }
    this.host.requestUpdate();
  }

  /** The channel the tabs of one session share: `channel`, else one per ping endpoint. */
  #channelName(): string {
    const { channel, pingUrl } = this.#options;
    if (channel) return channel;
    return pingUrl ? `session-timeout:${new URL(pingUrl, location.href).pathname}` : 'session-timeout';
  }

  /** (Re)joins the tabs' channel under its current name. */
  #openTabs(): void {
    this.#tabs?.close();
    this.#tabs = new TabSync({ name: this.#channelName(), onMessage: this.#onTab });
  }

  /** The keep-alive policy, its interval from the engine's resolved durations. */
  #newKeepAlive(): void {
    const engine = this.#engine;
    if (!engine) return;
    const interval = effectivePingInterval(this.#options.pingInterval, engine.warnAfter, engine.expireAfter);
    if (this.#keepAlive) this.#keepAlive.interval = interval;
    else this.#keepAlive = new KeepAlive({ interval, now: this.#options.now });
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
    if (!engine) return;
    const now = this.#now();
    this.#fromTab = true;
    try {
      switch (message.type) {
        case 'activity':
          engine.recordActivity(Math.min(message.at, now));
          this.#keepAliveIfDue();
          break;
        case 'extend':
          engine.extend('tab');
          break;
        case 'server': {
          const elapsed = Math.max(0, now - message.at) / 1000;
          const absolute = message.absoluteRemaining;
          engine.rebase(Math.max(0, message.remaining - elapsed), absolute == null ? null : Math.max(0, absolute - elapsed), message.at);
          break;
        }
        case 'pinged':
          this.#keepAlive?.seen(message.at);
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
      ...o,
      input: () => tracker.lastInput,
      extendOnActivity: !!o.extendOnActivity,
      // With a server, one ping decides before the warning opens and before the session ends.
      confirm: () => (this.#client ? this.#ping(engine.idle) : undefined),
    });
    engine.subscribe(this.#onEngine);
    if (this.#holds) this.#release = engine.hold();
    return engine;
  }

  /** A ping client for the current URL while running; aborts the previous one's requests. */
  #newClient(): void {
    const { pingUrl, fetch } = this.#options;
    this.#client?.abort();
    this.#client = this.#running && pingUrl ? new PingClient({ url: pingUrl, fetch }) : null;
  }

  readonly #onEngine = (event: IdleEngineEvent): void => {
    const o = this.#options;
    if (event.type == 'warn') o.onWarn?.(event.remaining);
    if (event.type == 'tick') o.onTick?.(event.remaining);
    if (event.type == 'extend') {
      if (event.source != 'server' && event.source != 'tab') {
        void this.#ping(0);
        this.#tabs?.post({ type: 'extend', at: this.#now() });
      }
      o.onExtend?.(event.remaining, event.source);
    }
    if (event.type == 'expire') {
      this.#tracker?.disconnect();
      this.#disarmHold();
      if (!this.#fromTab) this.#tabs?.post({ type: 'expire', reason: event.reason });
      o.onExpire?.(event.reason);
    }
    this.host.requestUpdate();
  };

  /**
   * Sends one ping (keep-alive, extend, confirmation or check alike: each tells the server the news,
   * so the keep-alive policy and the other tabs count it) and applies its answer, unless a newer
   * ping overtook it or the controller stopped.
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
    const result = await client.ping(idle);
    if (client != this.#client) return;
    if (result.kind == 'unknown') this.#keepAlive?.failed();
    else this.#keepAlive?.succeeded();
    if (seq != this.#pingSeq) return;
    if (result.kind == 'alive') {
      engine.rebase(result.remaining, result.absoluteRemaining, since);
      this.#tabs?.post({ type: 'server', at: this.#now(), remaining: result.remaining, absoluteRemaining: result.absoluteRemaining });
    } else if (result.kind == 'ended') engine.expire(result.reason);
    else this.#options.onError?.(result.error, result.status);
  }
}
