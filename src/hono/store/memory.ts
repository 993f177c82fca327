import { Chain, type Link } from './chain.js';
import { ownString } from '../own-string.js';
import { closeAfterOf, copyPolicy, endReason, movedActivity, notAfter, presenceAt, renewedPresence, reportDutyUntil, takesReportDuty } from './record.js';
import type { CreateRequest, EndReason, SessionPolicy, SessionStore, TouchRequest, TouchResult } from './contract.js';
import { warnIfIsolateLocal } from '../isolate-warning.js';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Most live sessions kept. A live session is never evicted: once full, `create` first ends the
   * sessions whose deadline has passed, and if none has, rejects with {@link MemoryStoreFullError}
   * (`start()` then answers `503`), so a flood of sign-ins cannot push real users out. The same bound
   * applies to remembered end reasons (the oldest is forgotten first). At under 200 bytes a session,
   * the default costs at most ~20 MB; past that, a shared store such as Redis fits better.
   * @defaultValue 100000
   */
  maxSessions?: number;
}

/** {@link MemoryStore.create} past `maxSessions` with every stored session still live. */
export class MemoryStoreFullError extends Error {
  constructor(maxSessions: number) {
    super(`MemoryStore: ${maxSessions} live sessions already (maxSessions); refusing a new one rather than evicting a live one`);
    this.name = 'MemoryStoreFullError';
  }
}

/** A live session; also a link in the last-touch chain. */
class LiveEntry implements Link<LiveEntry> {
  prev: LiveEntry | null = null;
  next: LiveEntry | null = null;
  constructor(
    /** The key as first stored: the store never keeps a request's string (or what it was sliced from). */
    readonly id: string,
    /** Milliseconds. */
    public lastActivity: number,
    /** Milliseconds; pulled back only when the clock went back (`notAfter`). */
    public createdAt: number,
    /**
     * Milliseconds of inactivity allowed: the session's own, or else the latest request's (the sweep
     * has no request to ask).
     */
    public expireAfter: number,
    /**
     * Milliseconds from creation, or `null`. A duration rather than a deadline: a duration fits in
     * a small integer V8 stores inline, a timestamp needs a 16-byte box of its own.
     */
    readonly absoluteTimeout: number | null,
    /** The keyed hash of who signed in, when the app said. */
    readonly subject: string | undefined,
    /** The session's own limits (shared, frozen), when it was started with some. */
    readonly policy: SessionPolicy | undefined,
    /** With presence on: by when (ms) a touch must show the session, or it ends `closed`. */
    public presentUntil: number | undefined,
  ) {}
}

/** Why a session ended, kept a while after; also a link in the chain of tombstones to forget. */
class Tombstone implements Link<Tombstone> {
  prev: Tombstone | null = null;
  next: Tombstone | null = null;
  constructor(
    readonly id: string,
    readonly reason: EndReason,
    /** Milliseconds. */
    readonly forgetAt: number,
    /** Whether the app was told of this end (settled as reported). */
    public reported: boolean,
    /** Until when (ms) a touch holds the duty to report it; `-Infinity` when nobody does. */
    public claimedUntil: number,
    /** The live session's subject, for the audit. */
    readonly subject: string | undefined,
  ) {}
}

// Shared answers: the per-request path allocates nothing for these.
const MISSING: TouchResult = Object.freeze({ status: 'missing' });
const ended = (reason: EndReason, first: boolean): TouchResult => Object.freeze({ status: 'ended', reason, first });
/** By reason, then by `first`. */
const ENDED = Object.freeze({
  idle: [ended('idle', false), ended('idle', true)],
  absolute: [ended('absolute', false), ended('absolute', true)],
  closed: [ended('closed', false), ended('closed', true)],
}) satisfies Record<EndReason, readonly TouchResult[]>;

/** An ended answer: a shared one unless there is a subject to carry. */
function endedAnswer(reason: EndReason, first: boolean, subject: string | undefined): TouchResult {
  return subject === undefined ? ENDED[reason][first ? 1 : 0]! : { status: 'ended', reason, first, subject };
}

/** Sweep at most this often on the request path (ms of the callers' clock)... */
const SWEEP_INTERVAL = 1_000;
/** ...and at most this many entries at a time, so no single request pays for a mass expiry. */
const SWEEP_BUDGET = 1_000;

/**
 * The embedded default {@link SessionStore}: sessions in this process's memory, lost on restart and
 * not shared between processes (use `RedisStore` for that). On Cloudflare Workers, "this process" is
 * one isolate of many, so it warns once there (see `isolate-warning.ts`).
 *
 * Expired sessions are swept in time proportional to how many expired, not to how many are stored:
 * besides the `Map` by id, sessions are chained in last-touch order (a touch moves its entry to the
 * end), so the sweep walks from the least recently active and stops at the first live one. Sweeping happens a bounded
 * slice at a time during ordinary calls; there is no timer to keep the process alive.
 *
 * Sessions with their own, shorter `expireAfter` (a per-session policy) sit in the same chain: one
 * behind a longer-lived session is swept once that one is, at most the difference of the two limits
 * late. `touch` still ends it on time; only its memory waits.
 *
 * The absolute limit needs no second ordering: `touch` checks it on every request, so a session
 * past it can never be used again, and the sweep still reaches it, by idle order, within
 * `expireAfter` (its tombstone then says `absolute` when that limit came first). A creation-order
 * index would only free that memory sooner, at ~30 bytes for every session.
 *
 * @example
 * ```ts
 * const timeout = sessionTimeout({ expireAfter: 900, store: new MemoryStore({ maxSessions: 50_000 }), secret })
 * ```
 */
export class MemoryStore implements SessionStore {
  readonly #live = new Map<string, LiveEntry>();
  /** The same sessions, least recently touched first. */
  readonly #byTouch = new Chain<LiveEntry>();
  readonly #tombstones = new Map<string, Tombstone>();
  /** The same tombstones, in the order they are to be forgotten. */
  readonly #byForgetAt = new Chain<Tombstone>();
  readonly #maxSessions: number;
  #nextSweepAt = -Infinity;
  /** The latest callers' `tombstoneFor`, for the tombstones the sweep lays. */
  #tombstoneFor = 0;

  constructor({ maxSessions = 100_000 }: MemoryStoreOptions = {}) {
    if (!Number.isInteger(maxSessions) || maxSessions < 1) {
      throw new Error(`MemoryStore: maxSessions must be a whole number above 0 (got ${String(maxSessions)})`);
    }
    this.#maxSessions = maxSessions;
    warnIfIsolateLocal();
  }

  /** How many live sessions are stored (including expired ones not swept yet). */
  get size(): number {
    return this.#live.size;
  }

  async create(
    id: string,
    now: number,
    request: CreateRequest,
  ): Promise<void> {
    const { expireAfter, absoluteTimeout, tombstoneFor, subject, policy } = request;
    this.#tombstoneFor = tombstoneFor;
    this.#maybeSweep(now);
    this.#forget(id);
    if (this.#live.size >= this.#maxSessions) {
      // Room is made only from sessions that are already over, never by evicting a live one.
      this.sweep(now, SWEEP_BUDGET);
      if (this.#live.size >= this.#maxSessions) throw new MemoryStoreFullError(this.#maxSessions);
    }
    // Copied and frozen: the caller's object may change, and every answer hands out this one.
    const own = policy && Object.freeze(copyPolicy(policy));
    const closeAfter = closeAfterOf(own, request);
    const presentUntil = closeAfter === null ? undefined : now + closeAfter;
    const entry = own
      ? new LiveEntry(ownString(id), now, now, own.expireAfter, own.absoluteTimeout, subject, own, presentUntil)
      : new LiveEntry(ownString(id), now, now, expireAfter, absoluteTimeout, subject, undefined, presentUntil);
    this.#live.set(entry.id, entry);
    this.#byTouch.append(entry);
  }

  /** Synchronous: the per-request path pays for no promise. */
  touch(id: string, request: TouchRequest): TouchResult {
    const { now } = request;
    this.#tombstoneFor = request.tombstoneFor;
    this.#maybeSweep(now);
    const entry = this.#live.get(id);
    if (entry === undefined) return this.#ended(id, now);

    // The session's own limits win; one without them follows the handler's of this request.
    // The rules are record.ts's, decided on this entry's fields in place (no record copied).
    const { policy } = entry;
    const expireAfter = policy ? policy.expireAfter : request.expireAfter;
    const lastActivity = notAfter(entry.lastActivity, now);
    const createdAt = notAfter(entry.createdAt, now);
    const closeAfter = closeAfterOf(policy, request);
    const presentUntil = presenceAt(entry.presentUntil, now, closeAfter);
    const reason = endReason(lastActivity, createdAt, now, expireAfter, policy ? policy.absoluteTimeout : request.absoluteTimeout, presentUntil);
    if (reason !== null) {
      this.#end(entry, reason, now + request.tombstoneFor, reportDutyUntil(now));
      return endedAnswer(reason, true, entry.subject);
    }

    entry.expireAfter = expireAfter;
    // Every touch, passive or not, shows the session open in a page: presence, never activity.
    entry.presentUntil = closeAfter === null ? undefined : renewedPresence(now, closeAfter, request.closing);
    // A stored time after now (the clock went back) is written back as now: a correction, not activity.
    entry.lastActivity = lastActivity;
    entry.createdAt = createdAt;
    const moved = movedActivity(lastActivity, request);
    if (moved !== null) {
      entry.lastActivity = moved;
      // The chain stays (nearly) in last-activity order. A ping reporting idle time lands a little
      // out of order; it is then swept at most `expireAfter` late, and a touch still ends it on time.
      this.#byTouch.moveToEnd(entry);
      const { subject } = entry;
      return { status: 'alive', lastActivity: moved, createdAt, ...(subject === undefined ? {} : { subject }), ...(policy ? { policy } : {}), moved: true };
    }
    const { subject } = entry;
    if (policy) return subject === undefined ? { status: 'alive', lastActivity, createdAt, policy } : { status: 'alive', lastActivity, createdAt, subject, policy };
    return subject === undefined ? { status: 'alive', lastActivity, createdAt } : { status: 'alive', lastActivity, createdAt, subject };
  }

  async settleEndReport(id: string, reported: boolean): Promise<void> {
    const tombstone = this.#tombstones.get(id);
    if (tombstone === undefined) return;
    if (reported) tombstone.reported = true;
    else tombstone.claimedUntil = -Infinity;
  }

  async delete(id: string): Promise<void> {
    this.#forget(id);
  }

  /**
   * Ends every expired session and forgets every tombstone that is due, oldest first, stopping at
   * the first one still live: the cost is proportional to the number expired. Runs by itself during
   * `create` and `touch`; call it directly to reclaim memory on an idle server.
   *
   * @param now - the current time in milliseconds
   * @param budget - the most entries to process in this call
   * @returns how many entries were ended or forgotten
   */
  sweep(now: number = Date.now(), budget: number = Infinity): number {
    let done = 0;
    for (let tombstone = this.#byForgetAt.first; tombstone && done < budget; tombstone = this.#byForgetAt.first) {
      if (tombstone.forgetAt > now) break;
      this.#dropTombstone(tombstone);
      done++;
    }
    const forgetAt = now + this.#tombstoneFor;
    for (let entry = this.#byTouch.first; entry && done < budget; entry = this.#byTouch.first) {
      const reason = endReason(entry.lastActivity, entry.createdAt, now, entry.expireAfter, entry.absoluteTimeout, entry.presentUntil ?? null);
      if (reason === null) break;
      this.#end(entry, reason, forgetAt, -Infinity);
      done++;
    }
    return done;
  }

  #maybeSweep(now: number): void {
    if (now < this.#nextSweepAt) return;
    const done = this.sweep(now, SWEEP_BUDGET);
    // A full budget means more may be waiting: continue on the next call.
    this.#nextSweepAt = done === SWEEP_BUDGET ? now : now + SWEEP_INTERVAL;
  }

  /** The answer for an id with no live entry: its tombstone's reason while it lasts. */
  #ended(id: string, now: number): TouchResult {
    const tombstone = this.#tombstones.get(id);
    if (tombstone === undefined) return MISSING;
    if (tombstone.forgetAt <= now) {
      this.#dropTombstone(tombstone);
      return MISSING;
    }
    // The duty to report goes to one touch at a time, and comes back if not settled in time.
    const first = takesReportDuty(tombstone.reported, tombstone.claimedUntil, now);
    if (first) tombstone.claimedUntil = reportDutyUntil(now);
    return endedAnswer(tombstone.reason, first, tombstone.subject);
  }

  #end(entry: LiveEntry, reason: EndReason, forgetAt: number, claimedUntil: number): void {
    this.#live.delete(entry.id);
    this.#byTouch.unlink(entry);
    const tombstone = new Tombstone(entry.id, reason, forgetAt, false, claimedUntil, entry.subject);
    this.#tombstones.set(entry.id, tombstone);
    this.#byForgetAt.append(tombstone);
    if (this.#tombstones.size > this.#maxSessions) this.#dropTombstone(this.#byForgetAt.first!);
  }

  #dropTombstone(tombstone: Tombstone): void {
    this.#tombstones.delete(tombstone.id);
    this.#byForgetAt.unlink(tombstone);
  }

  #forget(id: string): void {
    const entry = this.#live.get(id);
    if (entry) {
      this.#live.delete(id);
      this.#byTouch.unlink(entry);
    }
    const tombstone = this.#tombstones.get(id);
    if (tombstone) this.#dropTombstone(tombstone);
  }
}
