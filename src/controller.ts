/**
 * `SessionTimeoutController`: a {@link SessionCoordinator} bound to a Lit host. The coordinator is a
 * Lit `ReactiveController` by shape; this binds it to its host, which re-renders whenever what it
 * shows may have changed. The `<session-timeout>` element is one host; any Lit component can be
 * another and render its own warning.
 *
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import {
  SessionCoordinator,
  type ConfigurableOptions,
  type SessionTimeoutControllerOptions,
  type SessionTimeoutOptions,
} from './session/coordinator.js';

export type { ConfigurableOptions, SessionTimeoutControllerOptions, SessionTimeoutOptions };

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
export class SessionTimeoutController extends SessionCoordinator implements ReactiveController {
  readonly host: ReactiveControllerHost;

  /** `options.onChange` is the host's update: it re-renders whenever what it shows may have changed. */
  constructor(host: ReactiveControllerHost, options: SessionTimeoutControllerOptions = {}) {
    super({ ...options, onChange: () => host.requestUpdate() });
    (this.host = host).addController(this);
  }
}
