/**
 * The end rules of a session, once, in JavaScript: when it has ended and why, how a touch moves it,
 * who reports an end; and one session's stored state with the store operations on it as pure
 * functions, for a store that keeps each session apart (one Durable Object per session) and runs
 * one inside its atomic step. `MemoryStore` keeps its own entries (for memory) but decides with the
 * same rules; the Redis script is the one other copy, held to these by the contract suite
 * (`hono/testing`). Deadlines are judged by the caller's `now`; a tombstone never comes back to life;
 * the duty to report an end goes to one touch at a time.
 */
import { CLOSING_GRACE, END_REPORT_LEASE, type CreateRequest, type EndReason, type SessionPolicy, type TouchRequest, type TouchResult } from './contract.js';

/**
 * Why a session with these timestamps has ended by `now` (the deadline that came first), or `null`
 * while it is live. Milliseconds; `absoluteTimeout` `null` for none; `presentUntil` `null` without
 * presence. A presence deadline names the end only when it came strictly first.
 */
export function endReason(
  lastActivity: number, createdAt: number, now: number, expireAfter: number, absoluteTimeout: number | null, presentUntil: number | null = null,
): EndReason | null {
  const idleDeadline = lastActivity + expireAfter;
  const absoluteDeadline = absoluteTimeout === null ? Infinity : createdAt + absoluteTimeout;
  const presenceDeadline = presentUntil ?? Infinity;
  if (now < idleDeadline && now < absoluteDeadline && now < presenceDeadline) return null;
  if (presenceDeadline < idleDeadline && presenceDeadline < absoluteDeadline) return 'closed';
  return absoluteDeadline <= idleDeadline ? 'absolute' : 'idle';
}

/**
 * Until when a session is present as a touch at `now` finds it (ms): `null` without presence; a
 * stored deadline when there is one, never more than `closeAfter` ahead (after the clock went back,
 * as {@link notAfter}); else `now + closeAfter`: a session created without presence is present from
 * the first touch that asks for it.
 */
export function presenceAt(stored: number | undefined, now: number, closeAfter: number | null): number | null {
  if (closeAfter === null) return null;
  if (stored === undefined) return now + closeAfter;
  return Math.min(stored, now + closeAfter);
}

/**
 * Where a touch of a live session moves its presence: `closeAfter` from `now`, or, for a closing
 * beacon, only {@link CLOSING_GRACE} (`closeAfter` if shorter). Presence is no activity: this moves
 * no idle or absolute deadline.
 */
export function renewedPresence(now: number, closeAfter: number, closing: boolean | undefined): number {
  return now + (closing === true ? Math.min(CLOSING_GRACE, closeAfter) : closeAfter);
}

/** The presence lease a session runs by: its own policy's when it has one there, else the touch's; `null`: off. */
export function closeAfterOf(policy: SessionPolicy | undefined, request: { closeAfter?: number | null }): number | null {
  const own = policy?.closeAfter;
  return own !== undefined ? own : (request.closeAfter ?? null);
}

/**
 * A stored time as a touch at `now` takes it: never after `now`. A time after `now` means the clock
 * went back since it was written; left as it is, the session would have more than its limit left and
 * live that much longer idle. Pulled back (and written back), it ends at most its limit after the step
 * was seen.
 */
export function notAfter(time: number, now: number): number {
  return time > now ? now : time;
}

/**
 * Where a touch moves `lastActivity` (already {@link notAfter} `now`): the request's activity, never
 * later than `now`, when it is later than the stored one by at least `touchAfter`; else `null` (no
 * write: a passive request, older activity, or a move too small to be worth one).
 */
export function movedActivity(lastActivity: number, { now, activity, touchAfter }: TouchRequest): number | null {
  if (activity === null) return null;
  const at = activity > now ? now : activity;
  return at > lastActivity && at - lastActivity >= touchAfter ? at : null;
}

/**
 * Whether a touch at `now` takes the duty to report an end: nobody has reported it, and nobody holds
 * the duty (`claimedUntil` has passed; `-Infinity` or `null`: never claimed, or given back).
 */
export function takesReportDuty(reported: boolean, claimedUntil: number | null, now: number): boolean {
  return !reported && (claimedUntil === null || claimedUntil <= now);
}

/** Until when a touch at `now` that takes the duty to report an end holds it. */
export function reportDutyUntil(now: number): number {
  return now + END_REPORT_LEASE;
}

/** A live session (all times in ms of the callers' clock). */
export interface LiveRecord {
  kind: 'live';
  lastActivity: number;
  createdAt: number;
  expireAfter: number;
  absoluteTimeout: number | null;
  /** Kept to know when the record may be dropped from storage. */
  tombstoneFor: number;
  subject?: string;
  /** The session's own limits; absent on records without one (they follow each touch's). */
  policy?: SessionPolicy;
  /** With presence on: the instant (ms) by which a touch must show the session, or it ends `closed`. */
  presentUntil?: number;
}

/** An ended session, kept until `forgetAt` so late requests learn why. */
export interface EndedRecord {
  kind: 'ended';
  reason: EndReason;
  forgetAt: number;
  /** The app was told (`onEnd` succeeded). */
  reported: boolean;
  /** Until when a touch holds the duty to report; `null` when nobody does. */
  claimedUntil: number | null;
  /** The live session's subject, for the audit. */
  subject?: string;
}

export type SessionRecord = LiveRecord | EndedRecord;

/** An operation's answer, and what to store after it: a record, `null` to forget, `undefined` to leave as is. */
export interface Step<T> {
  answer: T;
  next?: SessionRecord | null;
}

export function createRecord(now: number, request: CreateRequest): LiveRecord {
  const { expireAfter, absoluteTimeout, tombstoneFor, subject, policy } = request;
  const limits = policy ?? { expireAfter, absoluteTimeout };
  const closeAfter = closeAfterOf(policy, request);
  return {
    kind: 'live', lastActivity: now, createdAt: now, expireAfter: limits.expireAfter, absoluteTimeout: limits.absoluteTimeout, tombstoneFor,
    ...(subject === undefined ? {} : { subject }),
    ...(policy === undefined ? {} : { policy: copyPolicy(policy) }),
    ...(closeAfter === null ? {} : { presentUntil: now + closeAfter }),
  };
}

/** A policy's own copy, `closeAfter` only when it has one (absent: the handler's). */
export function copyPolicy(policy: SessionPolicy): SessionPolicy {
  const { expireAfter, warnAfter, absoluteTimeout, closeAfter } = policy;
  return closeAfter === undefined ? { expireAfter, warnAfter, absoluteTimeout } : { expireAfter, warnAfter, absoluteTimeout, closeAfter };
}

/** The atomic check-and-touch of {@link SessionStore.touch} on one record. */
export function touchRecord(record: SessionRecord | undefined, request: TouchRequest): Step<TouchResult> {
  const { now } = request;
  if (record === undefined) return { answer: { status: 'missing' } };
  if (record.kind === 'ended') {
    if (record.forgetAt <= now) return { answer: { status: 'missing' }, next: null };
    const first = takesReportDuty(record.reported, record.claimedUntil, now);
    const answer: TouchResult = { status: 'ended', reason: record.reason, first, ...(record.subject === undefined ? {} : { subject: record.subject }) };
    return first ? { answer, next: { ...record, claimedUntil: reportDutyUntil(now) } } : { answer };
  }
  // The session's own limits win; a record without them follows the handler's of this request.
  const { expireAfter, absoluteTimeout } = record.policy ?? request;
  const lastActivity = notAfter(record.lastActivity, now);
  const createdAt = notAfter(record.createdAt, now);
  const closeAfter = closeAfterOf(record.policy, request);
  const presentUntil = presenceAt(record.presentUntil, now, closeAfter);
  const reason = endReason(lastActivity, createdAt, now, expireAfter, absoluteTimeout, presentUntil);
  if (reason !== null) {
    const subject = record.subject === undefined ? {} : { subject: record.subject };
    const tombstone: EndedRecord = { kind: 'ended', reason, forgetAt: now + request.tombstoneFor, reported: false, claimedUntil: reportDutyUntil(now), ...subject };
    return { answer: { status: 'ended', reason, first: true, ...subject }, next: tombstone };
  }
  const moved = movedActivity(lastActivity, request);
  const pulledBack = lastActivity !== record.lastActivity || createdAt !== record.createdAt;
  // Every touch is presence (a passive one too): written whenever it moves, which with presence on is nearly every touch.
  const presence = closeAfter === null ? undefined : renewedPresence(now, closeAfter, request.closing);
  const presenceMoved = presence !== record.presentUntil;
  let next: LiveRecord | undefined;
  if (moved !== null || pulledBack || presenceMoved) {
    const { presentUntil: _old, ...rest } = record;
    next = { ...rest, lastActivity: moved ?? lastActivity, createdAt, expireAfter, ...(presence === undefined ? {} : { presentUntil: presence }) };
  }
  const { subject, policy } = record;
  const answer: TouchResult = {
    status: 'alive', lastActivity: moved ?? lastActivity, createdAt,
    ...(subject === undefined ? {} : { subject }),
    ...(policy === undefined ? {} : { policy }),
    ...(moved !== null ? { moved: true as const } : {}),
  };
  return next ? { answer, next } : { answer };
}

/** {@link SessionStore.settleEndReport} on one record. */
export function settleRecord(record: SessionRecord | undefined, reported: boolean): Step<null> {
  if (record === undefined || record.kind !== 'ended') return { answer: null };
  return { answer: null, next: reported ? { ...record, reported: true } : { ...record, claimedUntil: null } };
}

/** When the record can be dropped from storage for good (ms of the callers' clock). */
export function dropAt(record: SessionRecord): number {
  if (record.kind === 'ended') return record.forgetAt;
  const absolute = record.absoluteTimeout === null ? Infinity : record.createdAt + record.absoluteTimeout;
  return Math.min(record.lastActivity + record.expireAfter, absolute) + record.tombstoneFor;
}
