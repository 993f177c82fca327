import type { NoSessionReason } from './respond.js';
import type { EndReason } from './store/contract.js';

/**
 * What the handler found for this request, as the typed context variable `c.var.sessionTimeout`.
 * Durations in **seconds**. Check `id` (or `expired`) before trusting the session.
 *
 * @example
 * ```ts
 * app.get('/app/account', (c) => {
 *   const session = c.var.sessionTimeout
 *   if (session.id === null) return c.redirect('/login')
 *   return c.text(`Signed in; ${Math.round(session.remaining)} s left if idle`)
 * })
 * ```
 */
export type SessionTimeoutState = LiveSessionState | NoSessionState;

/** A live session. */
export interface LiveSessionState {
  /** The session id (ours, or the application's with the `sessionId` option). */
  id: string;
  expired: false;
  reason: null;
  /** Seconds until the session ends if the user stays idle: the sooner of the idle and absolute limits. */
  remaining: number;
  /** Seconds until the absolute limit; `null` without `absoluteTimeout`. */
  absoluteRemaining: number | null;
  /**
   * This session's idle limit in seconds: its own (`start(c, { expireAfter })`) or the handler's. Render
   * it into the page's `<session-timeout expire-after>` so the element counts by it from the first second.
   */
  expireAfter: number;
  /** This session's warning time in seconds, its own or the handler's: for `<session-timeout warn-after>`. */
  warnAfter: number;
}

/** No live session: none was presented (or a tampered/unknown one), or the one presented has ended. */
export interface NoSessionState {
  id: null;
  /** `true` when the request brought a session that has ended (`idle`, `absolute` or `closed`). */
  expired: boolean;
  reason: NoSessionReason;
  remaining: 0;
  absoluteRemaining: null;
}

/** The context variables the middleware sets; also registered globally through `ContextVariableMap`. */
export interface SessionTimeoutVariables {
  sessionTimeout: SessionTimeoutState;
}

declare module 'hono' {
  interface ContextVariableMap {
    sessionTimeout: SessionTimeoutState;
  }
}

/** Shared, frozen: the per-request path allocates nothing for a request without a session. */
export const NO_SESSION: NoSessionState = Object.freeze({
  id: null,
  expired: false,
  reason: 'missing',
  remaining: 0,
  absoluteRemaining: null,
});

export const ENDED_STATE: Readonly<Record<EndReason, NoSessionState>> = Object.freeze({
  idle: Object.freeze({ id: null, expired: true, reason: 'idle', remaining: 0, absoluteRemaining: null }),
  absolute: Object.freeze({ id: null, expired: true, reason: 'absolute', remaining: 0, absoluteRemaining: null }),
  closed: Object.freeze({ id: null, expired: true, reason: 'closed', remaining: 0, absoluteRemaining: null }),
});

/** The limits one session runs by: its own policy, or the handler's. */
export interface Limits {
  /** Milliseconds. */
  expireAfter: number;
  /** Milliseconds; `null` for none. */
  absoluteTimeout: number | null;
  /** The same in seconds, as the ping and `c.var` report them (kept as given, not recomputed). */
  expireAfterSeconds: number;
  warnAfterSeconds: number;
  /** Presence: milliseconds a session lives with no page showing it; `null`: off. */
  closeAfter: number | null;
  /** The same in seconds, as the ping reports it; `null`: off. */
  closeAfterSeconds: number | null;
}

/**
 * Seconds left of a live session, from the store's millisecond timestamps. Never more than the limits:
 * our stores pull a time after `now` back (the clock went back), and this holds for any other store too.
 */
export function liveState(id: string, lastActivity: number, createdAt: number, now: number, limits: Limits): LiveSessionState {
  const { expireAfter, absoluteTimeout, expireAfterSeconds, warnAfterSeconds } = limits;
  if (lastActivity > now) lastActivity = now;
  if (createdAt > now) createdAt = now;
  const idleRemaining = lastActivity + expireAfter - now;
  if (absoluteTimeout === null) {
    return {
      id, expired: false, reason: null, remaining: idleRemaining / 1000, absoluteRemaining: null,
      expireAfter: expireAfterSeconds, warnAfter: warnAfterSeconds,
    };
  }
  const absoluteRemaining = createdAt + absoluteTimeout - now;
  return {
    id,
    expired: false,
    reason: null,
    remaining: Math.min(idleRemaining, absoluteRemaining) / 1000,
    absoluteRemaining: absoluteRemaining / 1000,
    expireAfter: expireAfterSeconds,
    warnAfter: warnAfterSeconds,
  };
}
