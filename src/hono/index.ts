/**
 * `session-timeout-element/hono`: server-side idle and absolute session expiry for Hono, and the
 * ping endpoint of the `<session-timeout>` element. Runs on any Hono runtime (Web Crypto, no DOM).
 *
 * @example
 * ```ts
 * import { sessionTimeout } from 'session-timeout-element/hono'
 *
 * const timeout = sessionTimeout({ expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET })
 * app.post('/session/ping', timeout.ping)
 * app.use('/app/*', timeout.middleware)
 * ```
 *
 * @module
 */
export { sessionTimeout, type SessionTimeout, type StartOptions } from './session-timeout.js';
export type { PolicyOptions } from './policy.js';
export { HookError, type AuditEndReason, type SessionAuditInfo, type SessionExtendInfo, type SessionStartInfo } from './audit.js';
export { MemoryStore, MemoryStoreFullError, type MemoryStoreOptions } from './store/memory.js';
export type { CookieOptions, OriginOption, PassiveOption, SessionTimeoutOptions } from './options.js';
export type { PingAnswer, PingRequest, ExpiredAnswer } from '../protocol.js';
export { MAX_PING_BODY_BYTES } from './ping-body.js';
export { PASSIVE_HEADER } from './request/passive.js';
export type { NoSessionReason } from './respond.js';
export { SessionEndedError, SessionUnavailableError } from './refusal.js';
export type { LiveSessionState, NoSessionState, SessionTimeoutState, SessionTimeoutVariables } from './state.js';
export type { CreateRequest, EndReason, SessionPolicy, SessionStore, TouchRequest, TouchResult } from './store/contract.js';
