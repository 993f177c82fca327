/**
 * `session-timeout-element/express`: server-side idle and absolute session expiry for Express 5, and
 * the ping endpoint of the `<session-timeout>` element. The Hono handler does the work (install
 * `hono` beside `express`); this module imports nothing from Express at run time.
 *
 * @example
 * ```ts
 * import { sessionTimeout } from 'session-timeout-element/express'
 *
 * const timeout = sessionTimeout({ expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET })
 * app.post('/session/ping', timeout.ping)
 * app.use('/app', timeout.middleware)
 * ```
 *
 * @module
 */
export { sessionTimeout, SessionTimeoutHttpError, type ExpressHandler, type SessionTimeout } from './session-timeout.js';
export type { SessionTimeoutOptions } from './options.js';
export {
  MemoryStore,
  MemoryStoreFullError,
  HookError,
  MAX_PING_BODY_BYTES,
  PASSIVE_HEADER,
  type AuditEndReason,
  type LiveSessionState,
  type MemoryStoreOptions,
  type NoSessionReason,
  type NoSessionState,
  type PingAnswer,
  type SessionAuditInfo,
  type SessionExtendInfo,
  type SessionStartInfo,
  type SessionStore,
  type SessionTimeoutState,
  type StartOptions,
  type CookieOptions,
} from '../hono/index.js';
