/**
 * The storage interface behind the Hono handler. Every operation is one round trip, and the
 * check-and-touch is a single operation so a distributed store (Redis) can make it atomic.
 *
 * All times here are **milliseconds** of the server's clock (`Date.now()` or the injected `now`);
 * only the wire protocol speaks seconds.
 */

import type { ServerEndReason } from '../../protocol.js';

/** Why a session ended: `idle`, `absolute`, or `closed` (no page showed it for `closeAfter`). */
export type EndReason = ServerEndReason;

/**
 * One session's own limits, in milliseconds, set when it starts (`start(c, { expireAfter, … })`):
 * they replace the handler's on every touch of that session, for as long as it lives.
 */
export interface SessionPolicy {
  /** Inactivity after which the session ends. */
  expireAfter: number;
  /** Inactivity after which the browser should warn; below `expireAfter`. The store only keeps it. */
  warnAfter: number;
  /** Lifetime from creation that no activity extends; `null` for none. */
  absoluteTimeout: number | null;
  /**
   * How long the session lives with no page showing it (no touch at all); `null`: no presence for
   * this session. Absent: the handler's (each touch's `closeAfter`).
   */
  closeAfter?: number | null;
}

/** What {@link SessionStore.touch} is asked to do, all in milliseconds. */
export interface TouchRequest {
  /** The server's current time. */
  now: number;
  /** Inactivity after which the session ends, unless the session has its own {@link SessionPolicy}. */
  expireAfter: number;
  /** Lifetime from creation that no activity extends; `null` for none. Unless the session has its own policy. */
  absoluteTimeout: number | null;
  /**
   * When the user was last active according to this request: `now` for an ordinary request,
   * `now − idle` for a ping, `null` for a passive request (check only, never a write).
   * The store keeps `max(stored, activity)`, never later than `now`.
   */
  activity: number | null;
  /** Write `lastActivity` only when it would move forward by at least this much. */
  touchAfter: number;
  /** How long an ended session's reason stays known after it was found ended. */
  tombstoneFor: number;
  /**
   * Presence, unless the session has its own in its {@link SessionPolicy}: every touch (passive ones
   * too) shows the session is still open in a page, until `now + closeAfter`; a session no touch
   * showed by then ends `closed`. Never activity: it moves no idle or absolute deadline. `null` or
   * absent: off. A record created without presence is present from the first touch that asks for it.
   */
  closeAfter?: number | null;
  /**
   * The page sending this is going away (a `closing` beacon): presence runs only
   * {@link CLOSING_GRACE} (or `closeAfter`, if shorter) from `now`, unless a later touch renews it.
   */
  closing?: boolean;
}

/** What {@link SessionStore.create} is told: the limits, and who the session is for. */
export interface CreateRequest extends Omit<TouchRequest, 'now' | 'activity' | 'touchAfter' | 'closing'> {
  /** The keyed hash of the app's subject (who signed in), returned by every `alive` touch; absent: none. */
  subject?: string;
  /**
   * The session's own limits, kept with it and answered by every `alive` touch; they win over the
   * `expireAfter`/`absoluteTimeout` of every later touch. Absent: each touch's limits apply (as for
   * a record stored before policies existed). When present, `expireAfter`/`absoluteTimeout` above equal its own.
   */
  policy?: SessionPolicy;
}

export type TouchResult =
  /**
   * Alive, with the timestamps after this touch, the subject it was created with (when it was), and
   * its own policy (when it has one).
   */
  | {
      status: 'alive'; lastActivity: number; createdAt: number; subject?: string; policy?: SessionPolicy;
      /** Present (`true`) when this touch moved `lastActivity` forward: the audit's `onExtend` runs on it. */
      moved?: true;
    }
  /**
   * Ended now or earlier (the entry is gone; only a tombstone with the reason remains). `first` hands
   * this touch the duty to report the end (run `onEnd`): true for the first touch to meet an end not
   * yet reported, false for every other touch while that duty is out (for {@link END_REPORT_LEASE})
   * or once it was settled as reported ({@link SessionStore.settleEndReport}).
   */
  | {
      status: 'ended'; reason: EndReason; first: boolean;
      /** The subject the session was created with, while its tombstone lasts (for `onEnd`'s audit info). */
      subject?: string;
    }
  /** Never existed, was deleted by a logout, or its tombstone has been forgotten. */
  | { status: 'missing' };

export interface SessionStore {
  /** Creates a live session whose `lastActivity` and `createdAt` are `now`. */
  create(id: string, now: number, request: CreateRequest): Promise<void>;
  /**
   * Atomically: reads the entry; if its idle or absolute deadline is at or before `now`, replaces it
   * with a tombstone kept `tombstoneFor` and answers `ended`; else moves `lastActivity` forward
   * (honouring `touchAfter`) and answers `alive`. A stored `lastActivity` or `createdAt` after `now`
   * (the clock went back since it was written) is taken, and written back, as `now`, so no session
   * has more than its limit left. May answer synchronously (an in-process store), which spares the
   * per-request path a promise.
   */
  touch(id: string, request: TouchRequest): TouchResult | Promise<TouchResult>;
  /**
   * Settles the duty a `first` answer handed out. `reported: true` once the app was told (`onEnd`
   * succeeded, or there is none): no later touch answers `first`. `false` gives it back (`onEnd`
   * threw): the next touch answers `first` again, so the hook runs until it succeeds. Left unsettled
   * (the process died mid-`onEnd`), the duty comes back by itself {@link END_REPORT_LEASE} after it
   * was handed out. Does nothing for an id without a tombstone.
   */
  settleEndReport(id: string, reported: boolean): Promise<void>;
  /** Forgets the session entirely (logout): later lookups answer `missing`. */
  delete(id: string): Promise<void>;
}

/**
 * Milliseconds (of the callers' clock) a `first` answer's duty to report an end stays with the
 * request that got it, unless settled sooner: long enough for one `onEnd`, short enough that a
 * crash mid-`onEnd` does not lose the report.
 */
export const END_REPORT_LEASE = 30_000;

/**
 * Milliseconds of presence a closing beacon leaves: the page that sent it went away, but a reload or
 * a link to the app's next page shows the session again within a few seconds (and another open tab
 * answers the beacon with a ping at once), so only when nothing shows it by then did the last page close.
 */
export const CLOSING_GRACE = 5_000;
