/**
 * `session-timeout-element`: registers `<session-timeout>` and exports the public browser-side API, the list
 * README.md documents: the element, its events, the coordinator and the Lit controller (for your own view),
 * `passiveFetch`, `defineLocale`, `hasUnsavedWork`, and the types their signatures use. The building blocks
 * underneath (the idle engine, tabs, keep-alive, pings, activity) are internal: they may change in any release.
 * The class without registration: `session-timeout-element/session-timeout.js`.
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
  SessionTimeoutTickEvent,
  SessionTimeoutLeaderEvent,
  SessionTimeoutPingEvent,
  type SessionTimeoutEventMap,
} from './element/events.js';
export { SessionTimeoutController, type SessionTimeoutControllerOptions } from './controller.js';
export { SessionCoordinator, type SessionTimeoutOptions, type ConfigurableOptions } from './session/coordinator.js';
// Types the public signatures above use (options, states, reasons, the injectable clock).
export type { IdleDurations, IdleState, ExpireReason, EndReason, ExtendSource, Scheduler } from './idle/engine.js';
export type { PingRequestOptions } from './browser/ping-client.js';
export { passiveFetch } from './passive-fetch.js';
export { hasUnsavedWork } from './browser/unsaved-work.js';
export { defineLocale } from './i18n/registry.js';
export type { LocaleTexts } from './i18n/texts.js';
