/**
 * `session-timeout-element`: registers `<session-timeout>` and exports everything public on the
 * browser side. The class without registration: `session-timeout-element/session-timeout.js`.
 *
 * @module
 */
import './session-timeout-define.js';

export { SessionTimeoutElement } from './session-timeout.js';
export {
  SessionTimeoutWarnEvent,
  SessionTimeoutExtendEvent,
  SessionTimeoutExpireEvent,
  SessionTimeoutErrorEvent,
} from './events.js';
export { SessionTimeoutController, type SessionTimeoutOptions } from './controller.js';
export {
  IdleEngine,
  resolveDurations,
  type IdleEngineOptions,
  type IdleEngineEvent,
  type IdleDurations,
  type IdleState,
  type ExpireReason,
  type ExtendSource,
  type Scheduler,
} from './idle/engine.js';
export { ActivityTracker, type ActivitySink } from './activity.js';
export { PingClient, type PingClientOptions, type PingResult, type PingAlive, type PingEnded, type PingUnknown } from './ping-client.js';
export { passiveFetch, PASSIVE_HEADER } from './passive-fetch.js';
export { KeepAlive, effectivePingInterval, type KeepAliveOptions } from './keep-alive.js';
export { TabSync, type TabMessage, type TabSyncOptions } from './tab-sync.js';
