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
import { PingClient } from './ping-client.js';

/** Options of {@link SessionTimeoutController}. Durations in seconds. */
export interface SessionTimeoutOptions {
  /** Seconds of inactivity before the warning. Default 540. Bad values fall back as in `resolveDurations`. */
  warnAfter?: number;
  /** Seconds of inactivity before the session ends. Default 600. */
  expireAfter?: number;
  /** The server's ping endpoint; `null`/absent: client-only, no network. */
  pingUrl?: string | null;
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

type Configurable = Pick<SessionTimeoutOptions, 'warnAfter' | 'expireAfter' | 'pingUrl' | 'extendOnActivity' | 'disabled'>;

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
    if (!this.#holds++) this.#release = this.#engine?.hold();
    return () => {
      if (held && ((held = false), !--this.#holds)) this.#release?.();
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
    if (o.disabled && this.#engine?.state != 'expired') this.#engine = null; // re-enabling starts afresh
    if (run) {
      const engine = (this.#engine ??= this.#newEngine());
      if (engine.state != 'expired') {
        // Connecting again (the host moved in the DOM) counts as activity; an open warning stays open.
        engine.recordActivity();
        this.#tracker.connect(o.document);
        engine.start();
      }
    }
    this.#newClient();
    this.host.requestUpdate();
  }

  #newEngine(): IdleEngine {
    const o = this.#options;
    const tracker = new ActivityTracker({ reevaluate: () => engine.reevaluate() }, o.now);
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
      if (event.source != 'server') this.#ping(0);
      o.onExtend?.(event.remaining, event.source);
    }
    if (event.type == 'expire') {
      this.#tracker?.disconnect();
      o.onExpire?.(event.reason);
    }
    this.host.requestUpdate();
  };

  /** Sends one ping and applies its answer, unless a newer ping overtook it or the controller stopped. */
  async #ping(idle: number): Promise<void> {
    // A new client comes with every (re)start, so an answer to an old one is never applied.
    const engine = this.#engine!;
    const client = this.#client;
    if (!client) return;
    const seq = ++this.#pingSeq;
    const since = (this.#options.now ?? Date.now)();
    const result = await client.ping(idle);
    if (client != this.#client || seq != this.#pingSeq) return;
    if (result.kind == 'alive') engine.rebase(result.remaining, result.absoluteRemaining, since);
    else if (result.kind == 'ended') engine.expire(result.reason);
    else this.#options.onError?.(result.error, result.status);
  }
}
