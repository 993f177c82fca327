/**
 * `SessionTimeoutController`: a {@link SessionCoordinator} bound to a Lit host. The `<session-timeout>`
 * element is one host; any Lit component can be another and render its own warning.
 *
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import {
  SessionCoordinator,
  type ConfigurableOptions,
  type SessionTimeoutOptions,
} from './coordinator.js';
import type { EndReason, ExpireReason, IdleDurations, IdleEngine, IdleState } from './idle/engine.js';

export type { ConfigurableOptions, SessionTimeoutOptions };

/** Options of {@link SessionTimeoutController}. */
export interface SessionTimeoutControllerOptions extends SessionTimeoutOptions {
  /** Read when the host connects and before each of its updates: the configuration in force (e.g. from attributes). */
  config?: () => Partial<ConfigurableOptions>;
}

/**
 * Tracks the user's inactivity for a Lit host and asks it to re-render when the state changes and once a
 * second while the warning is open. `hostConnected` starts everything, `hostDisconnected` stops
 * everything (listeners, timers, requests in flight).
 *
 * With a `pingUrl` the server has the last word: its durations are adopted, before the warning opens
 * and before the session ends one ping asks whether another tab or device kept the session alive,
 * `extend()` pings `{"idle": 0}`, a 401 ends the session, and a failed ping calls `onError` while the
 * countdown goes on locally. Tabs of the browser share activity, extensions, server answers and the
 * end of the session; one of them sends the keep-alive pings.
 *
 * @example
 * class MyApp extends LitElement {
 *   #session = new SessionTimeoutController(this, {
 *     pingUrl: '/session/ping',
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
  readonly #session: SessionCoordinator;
  readonly #config?: () => Partial<ConfigurableOptions>;

  constructor(host: ReactiveControllerHost, options: SessionTimeoutControllerOptions = {}) {
    (this.host = host).addController(this);
    const { config, ...rest } = options;
    this.#config = config;
    this.#session = new SessionCoordinator({ ...rest, onChange: () => host.requestUpdate() });
  }

  /** `active`, `warning` or `expired` (`active` while disabled). */
  get state(): IdleState {
    return this.#session.state;
  }

  /** While the warning is open: `idle` (can be extended) or `absolute` (cannot). */
  get warningReason(): EndReason | null {
    return this.#session.warningReason;
  }

  /** Seconds until the session ends, re-based on the freshest server answer. */
  get remaining(): number {
    return this.#session.remaining;
  }

  /** The durations in force: the server's once it answered, else the configured ones. */
  get durations(): IdleDurations {
    return this.#session.durations;
  }

  /** Wall-clock ms at which the warning opens unless there is activity; `null` while disabled. */
  get warnAt(): number | null {
    return this.#session.warnAt;
  }

  /** Wall-clock ms at which the session ends unless there is activity; `null` while disabled. */
  get expireAt(): number | null {
    return this.#session.expireAt;
  }

  /** Wall-clock ms of the last input in any tab of the browser (at worst the page's load); `null` while disabled. */
  get lastActivity(): number | null {
    return this.#session.lastActivity;
  }

  /** Seconds since the last input in any tab (what a ping reports); `null` while disabled. */
  get idleFor(): number | null {
    return this.#session.idleFor;
  }

  /**
   * @internal The engine itself, for the element until it reads the getters above; not part of the
   * API (issue 20: its methods bypass the tabs, the server and the keep-alive).
   */
  get engine(): IdleEngine | null {
    return this.#session.engine;
  }

  /** Changes options (bad durations fall back as in `resolveDurations`). Disabling forgets the session's timing. */
  configure(options: Partial<ConfigurableOptions>): void {
    this.#session.configure(options);
  }

  /** Extends the session now (closing the warning); with a `pingUrl`, tells the server. Only closes an absolute warning. */
  extend(): void {
    this.#session.extend();
  }

  /** Closes an absolute warning without extending. */
  dismiss(): void {
    this.#session.dismiss();
  }

  /** Ends the session now, e.g. after the user signed out. */
  expire(reason: ExpireReason = 'logout'): void {
    this.#session.expire(reason);
  }

  /** After the end, the page keeps unsaved work: resume when the same subject signs in again (`onResume`). */
  awaitResume(): void {
    this.#session.awaitResume();
  }

  /**
   * Keeps the session alive until the returned function is called. Holds nest; releasing twice is harmless.
   *
   * @example
   * const release = controller.hold();
   * video.addEventListener('pause', release, { once: true });
   */
  hold(): () => void {
    return this.#session.hold();
  }

  hostConnected(): void {
    this.#readConfig();
    this.#session.connect();
  }

  hostUpdate(): void {
    this.#readConfig();
  }

  hostDisconnected(): void {
    this.#session.disconnect();
  }

  #readConfig(): void {
    if (this.#config) this.#session.configure(this.#config());
  }
}
