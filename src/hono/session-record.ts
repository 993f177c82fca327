/**
 * One session's stored state and the store operations on it, as pure functions: what a store that
 * keeps each session apart (one Durable Object per session) runs inside its one atomic step. The
 * rules are the `MemoryStore`'s (store.ts): deadlines judged by the caller's `now`, a tombstone that
 * never comes back to life, the duty to report an end handed to one touch at a time.
 */
import { END_REPORT_LEASE, type CreateRequest, type EndReason, type SessionPolicy, type TouchRequest, type TouchResult } from './store.js';

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

export function createRecord(now: number, { expireAfter, absoluteTimeout, tombstoneFor, subject, policy }: CreateRequest): LiveRecord {
  const limits = policy ?? { expireAfter, absoluteTimeout };
  return {
    kind: 'live', lastActivity: now, createdAt: now, expireAfter: limits.expireAfter, absoluteTimeout: limits.absoluteTimeout, tombstoneFor,
    ...(subject === undefined ? {} : { subject }),
    ...(policy === undefined ? {} : { policy: { expireAfter: policy.expireAfter, warnAfter: policy.warnAfter, absoluteTimeout: policy.absoluteTimeout } }),
  };
}

/** The atomic check-and-touch of {@link SessionStore.touch} on one record. */
export function touchRecord(record: SessionRecord | undefined, request: TouchRequest): Step<TouchResult> {
  const { now } = request;
  if (record === undefined) return { answer: { status: 'missing' } };
  if (record.kind === 'ended') {
    if (record.forgetAt <= now) return { answer: { status: 'missing' }, next: null };
    const first = !record.reported && (record.claimedUntil === null || record.claimedUntil <= now);
    const answer: TouchResult = { status: 'ended', reason: record.reason, first, ...(record.subject === undefined ? {} : { subject: record.subject }) };
    return first ? { answer, next: { ...record, claimedUntil: now + END_REPORT_LEASE } } : { answer };
  }
  // The session's own limits win; a record without them follows the handler's of this request.
  const { expireAfter, absoluteTimeout } = record.policy ?? request;
  const reason = endReason(record, now, expireAfter, absoluteTimeout);
  if (reason !== null) {
    const subject = record.subject === undefined ? {} : { subject: record.subject };
    const tombstone: EndedRecord = { kind: 'ended', reason, forgetAt: now + request.tombstoneFor, reported: false, claimedUntil: now + END_REPORT_LEASE, ...subject };
    return { answer: { status: 'ended', reason, first: true, ...subject }, next: tombstone };
  }
  let next: LiveRecord | undefined;
  if (request.activity !== null) {
    const activity = Math.min(request.activity, now);
    if (activity > record.lastActivity && activity - record.lastActivity >= request.touchAfter) {
      next = { ...record, lastActivity: activity, expireAfter };
    }
  }
  const { lastActivity, createdAt, subject, policy } = next ?? record;
  const answer: TouchResult = {
    status: 'alive', lastActivity, createdAt,
    ...(subject === undefined ? {} : { subject }),
    ...(policy === undefined ? {} : { policy }),
    ...(next ? { moved: true as const } : {}),
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

function endReason(record: LiveRecord, now: number, expireAfter: number, absoluteTimeout: number | null): EndReason | null {
  const idleDeadline = record.lastActivity + expireAfter;
  const absoluteDeadline = absoluteTimeout === null ? Infinity : record.createdAt + absoluteTimeout;
  if (now < idleDeadline && now < absoluteDeadline) return null;
  return absoluteDeadline <= idleDeadline ? 'absolute' : 'idle';
}
