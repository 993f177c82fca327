/**
 * The wire protocol between `<session-timeout>` and the server (contract §2), written once and
 * imported by both halves. No DOM, no Hono: `tsconfig.hono.json` compiles it without the DOM lib.
 *
 * Every duration here is in **seconds** (fractions allowed). Client and server never compare
 * instants: the server sends *remaining* seconds, the client sends *idle* seconds.
 *
 * @module
 */

/** The request header that marks a request passive: it checks the session without extending it. */
export const PASSIVE_HEADER = 'X-Session-Passive';

/** The body of `POST <ping-url>`: seconds since the last real input in any tab; `0` is an explicit extend. */
export interface PingRequest {
  idle: number;
  /**
   * `true` when the page is going away (sent with `navigator.sendBeacon` on `pagehide`): with presence
   * on, the server shortens it to a few seconds' grace, renewed by the next ping or request.
   */
  closing?: boolean;
}

/** The `200` body of the ping, in seconds. */
export interface PingAnswer {
  /** Seconds until the session ends if the user stays idle (the sooner of the idle and absolute limits). */
  remaining: number;
  /** The server's inactivity limit, seconds. The element adopts it. */
  expireAfter: number;
  /** The server's warning point, seconds of inactivity. The element adopts it. */
  warnAfter: number;
  /** Seconds until the absolute limit; `null` when there is none. */
  absoluteRemaining: number | null;
  /**
   * Who is signed in, as an opaque keyed hash (never the id itself), when the app started the session
   * with a `subject`: the same for the same user across sessions. An expired page with unsaved work
   * resumes only when the session that starts again has the subject it had.
   */
  subject?: string;
  /**
   * Seconds of presence the session has left without a ping or request, when presence is on for it
   * (`closeAfter`): pages keep it with a ping every third of it. Absent: presence is off.
   */
  closeAfter?: number;
}

/**
 * A {@link PingAnswer} as a client holds it — read from the server by the ping client, or passed on
 * by another tab: what an older server or an older element's message left out is `null` or absent.
 * The one shape of a server's answer on the client side: no copy of its fields anywhere else.
 */
export interface ReceivedPingAnswer {
  remaining: PingAnswer['remaining'];
  absoluteRemaining: PingAnswer['absoluteRemaining'];
  /** The server's durations; `null` or absent when it did not say. */
  expireAfter?: PingAnswer['expireAfter'] | null;
  warnAfter?: PingAnswer['warnAfter'] | null;
  /** Who is signed in (opaque); `null` when the server sent none (or a malformed one), absent when unknown. */
  subject?: string | null;
  /** Presence: the server's `closeAfter`; `null` or absent when it sent none (presence off) or a malformed one. */
  closeAfter?: PingAnswer['closeAfter'] | null;
}

/** The longest `subject` a client accepts; anything else in that field is ignored. */
export const MAX_SUBJECT_LENGTH = 128;

/** Why the server ended a session, as the element's warning and expiry name it: the deadline that came first. */
export type EndReason = 'idle' | 'absolute';

/**
 * Every reason the server ends a session for: the deadlines a warning can be about ({@link EndReason}),
 * and `closed`: no open page showed it for `closeAfter` seconds (presence, opt-in), which no warning
 * announces (nobody is there to see one).
 */
export type ServerEndReason = EndReason | 'closed';

/** Why a request has no live session, as the `401` answer names it. */
export type NoSessionReason = ServerEndReason | 'missing';

/** The `401` body of the ping (and of any guarded request that is not a navigation). */
export interface ExpiredAnswer {
  expired: true;
  reason: NoSessionReason;
}

/**
 * Why the element ended a session: the server's reasons (`idle`, `absolute`, `closed`), `server` for
 * any other end the server reported, `logout` for a sign-out.
 */
export type ExpireReason = ServerEndReason | 'server' | 'logout';

/** Every {@link ExpireReason}, for validating what another tab or the server sends. */
export const EXPIRE_REASONS: readonly ExpireReason[] = ['idle', 'absolute', 'closed', 'server', 'logout'];

/**
 * The default warning point for an inactivity limit (seconds): a minute before the end, or half
 * way when the limit is under two minutes. 540 for 600, 840 for 900, 15 for 30.
 *
 * @example
 * defaultWarnAfter(900) // 840
 */
export const defaultWarnAfter = (expireAfter: number): number => expireAfter - Math.min(60, expireAfter / 2);
