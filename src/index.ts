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
  SessionTimeoutDismissEvent,
  SessionTimeoutResumeEvent,
  SessionTimeoutExpireEvent,
  SessionTimeoutErrorEvent,
  type SessionTimeoutEventMap,
} from './events.js';
export { SessionTimeoutController, type SessionTimeoutControllerOptions } from './controller.js';
export { SessionCoordinator, type SessionTimeoutOptions, type ConfigurableOptions } from './coordinator.js';
export {
  IdleEngine,
  resolveDurations,
  rethrowLater,
  type IdleEngineOptions,
  type IdleEngineEvent,
  type IdleDurations,
  type IdleState,
  type ExpireReason,
  type EndReason,
  type ExtendSource,
  type Scheduler,
} from './idle/engine.js';
export { ActivityTracker, type ActivitySink } from './activity.js';
export { PingClient, type PingClientOptions, type PingRequestOptions, type PingResult, type PingAlive, type PingEnded, type PingUnknown } from './ping-client.js';
export { passiveFetch, PASSIVE_HEADER } from './passive-fetch.js';
export { KeepAlive, effectivePingInterval, type KeepAliveOptions } from './keep-alive.js';
export { TabSync, type TabMessage, type ServerMessage, type TabSyncOptions } from './tab-sync.js';
export { safeNavigationUrl } from './safe-url.js';
export { hasUnsavedWork } from './unsaved-work.js';
export { defineLocale } from './locale-registry.js';
export type { LocaleTexts } from './texts.js';
