import type { Context } from 'hono';
import type { Request } from 'express';
import type {
  AuditEndReason,
  NoSessionReason,
  SessionAuditInfo,
  SessionExtendInfo,
  SessionStartInfo,
  SessionStore,
  SessionTimeoutOptions as HonoSessionTimeoutOptions,
} from '../hono/index.js';

/**
 * Options of the Express `sessionTimeout()`: the Hono handler's, with every function of the request
 * given Express's `req` where Hono's gives its context `c`. Every duration in **seconds**; defaults,
 * validation and meaning as documented on the Hono handler's options.
 *
 * @example
 * ```ts
 * const timeout = sessionTimeout({
 *   expireAfter: 15 * 60,
 *   redirect: '/login',
 *   passive: ['/api/notifications'],
 *   secret: process.env.SESSION_SECRET,
 * })
 * ```
 */
export interface SessionTimeoutOptions
  extends Omit<
    HonoSessionTimeoutOptions,
    'redirect' | 'passive' | 'store' | 'sessionId' | 'secret' | 'origin' | 'onEnd' | 'onStart' | 'onExtend' | 'onStoreError'
  > {
  /**
   * Where an ended navigation (or htmx request) is sent, `reason=idle|absolute` set in its query; or a
   * function of the request and the reason. Absent: every ended request gets the `401` JSON answer.
   * @example
   * ```ts
   * redirect: (req, reason) => `/login?reason=${reason}&next=${encodeURIComponent(req.originalUrl)}`
   * ```
   */
  redirect?: string | ((req: Request, reason: NoSessionReason) => string);
  /**
   * Requests that only check the session, never extend it: an exact path (the full path,
   * `req.originalUrl`'s, whatever router the middleware is mounted on), a prefix ending in `*`, a list,
   * or a predicate. `X-Session-Passive: 1` always makes a request passive.
   */
  passive?: string | readonly string[] | ((req: Request) => boolean);
  /** Where sessions live: `MemoryStore` (the default), `RedisStore`, or a function of the request returning one. */
  store?: SessionStore | ((req: Request) => SessionStore);
  /**
   * Key sessions on the application's own session id instead of our cookie, e.g. express-session's
   * `(req) => req.sessionID`. Return `undefined` (or `null`) for a request without one.
   */
  sessionId?: (req: Request) => string | undefined | null | Promise<string | undefined | null>;
  /** Signs our cookie (at least 32 characters); a list rotates keys; or a function of the request. */
  secret?: string | readonly string[] | ((req: Request) => string | readonly string[] | undefined | null);
  /** Origins the ping (and `end`) accept besides the request's own; or a predicate replacing the check. */
  origin?: string | readonly string[] | ((origin: string, req: Request) => boolean);
  /** A session ended: `'idle'`/`'absolute'` (awaited, retried until it succeeds) or `'logout'` (not awaited). */
  onEnd?: (req: Request, reason: AuditEndReason, info: SessionAuditInfo | undefined) => void | Promise<void>;
  /** Audit hook: `start(req, res)` began a session. Not awaited; needs `secret`. */
  onStart?: (req: Request, info: SessionStartInfo) => void | Promise<void>;
  /** Audit hook: a ping recorded new activity. Not awaited; needs `secret`. */
  onExtend?: (req: Request, info: SessionExtendInfo) => void | Promise<void>;
  /** The store (or `sessionId`, a hook…) failed; the request is answered `503`. Default: `console.error`. */
  onStoreError?: (error: unknown, req: Request) => void;
}

/** What each Hono request run by the adapter carries as `c.env`: the Express request it stands for. */
export interface ExpressBindings {
  req: Request;
}

/** The Express request a Hono context of the adapter stands for. */
export const requestOf = (c: Context): Request => (c.env as ExpressBindings).req;

/**
 * The Hono handler's options: each function of `req` becomes one of `c`. Anything else, functions
 * included, is passed on as given, so the Hono handler's validation names a bad option as it would.
 */
export function toHonoOptions(options: SessionTimeoutOptions): HonoSessionTimeoutOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('sessionTimeout: options are required, e.g. { expireAfter: 900, secret: process.env.SESSION_SECRET }');
  }
  const { redirect, passive, store, sessionId, secret, origin, onEnd, onStart, onExtend, onStoreError, ...rest } = options;
  const honoOptions: HonoSessionTimeoutOptions = { ...rest };
  if (redirect !== undefined) honoOptions.redirect = typeof redirect === 'function' ? (c, reason) => redirect(requestOf(c), reason) : redirect;
  if (passive !== undefined) honoOptions.passive = typeof passive === 'function' ? (c) => passive(requestOf(c)) : passive;
  if (store !== undefined) honoOptions.store = typeof store === 'function' ? (c) => store(requestOf(c)) : store;
  if (sessionId !== undefined) honoOptions.sessionId = typeof sessionId === 'function' ? (c) => sessionId(requestOf(c)) : sessionId;
  if (secret !== undefined) honoOptions.secret = typeof secret === 'function' ? (c) => secret(requestOf(c)) : secret;
  if (origin !== undefined) honoOptions.origin = typeof origin === 'function' ? (value, c) => origin(value, requestOf(c)) : origin;
  if (onEnd !== undefined) honoOptions.onEnd = typeof onEnd === 'function' ? (c, reason, info) => onEnd(requestOf(c), reason, info) : onEnd;
  if (onStart !== undefined) {
    // Hono calls it without a context only from `begin(id)`, which this adapter does not offer.
    honoOptions.onStart = typeof onStart === 'function' ? (c, info) => (c === null ? undefined : onStart(requestOf(c), info)) : onStart;
  }
  if (onExtend !== undefined) honoOptions.onExtend = typeof onExtend === 'function' ? (c, info) => onExtend(requestOf(c), info) : onExtend;
  if (onStoreError !== undefined) {
    honoOptions.onStoreError = typeof onStoreError === 'function' ? (error, c) => onStoreError(error, requestOf(c)) : onStoreError;
  }
  return honoOptions;
}
