/**
 * `session-timeout-element/hono/testing`: the behaviour every {@link SessionStore} must show, as a test
 * suite a third-party store runs to prove itself, in whichever test runner it uses. Pass the runner's
 * `describe` and `it` (node:test, vitest, bun:test and mocha all fit) and a `setup` that makes a fresh
 * store for each test.
 *
 * Times are injected (milliseconds, as the store interface speaks); nothing waits on a real clock, so a
 * store must judge deadlines by the `now` it is given, never by its own clock or by key expiry alone.
 * The tests of one suite run one after another (each runner's default), each with a new session id.
 * Plain ES2022 and Web Crypto: no Node API, so it also runs under Bun, Deno or workerd.
 *
 * @example
 * ```ts
 * import { describe, it } from 'node:test'   // or: from 'vitest', from 'bun:test'
 * import { storeContract } from 'session-timeout-element/hono/testing'
 *
 * storeContract('MyStore', async () => ({ store: new MyStore(), teardown: () => db.close() }), { describe, it })
 * ```
 *
 * @module
 */
import { CLOSING_GRACE, END_REPORT_LEASE, type EndReason, type SessionPolicy, type SessionStore, type TouchRequest, type TouchResult } from './contract.js';

/** The part of a test runner the suite needs: `describe(name, fn)` and `it(name, async fn)`. */
export interface TestApi {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: () => Promise<void>): unknown;
}

/** Makes the store for one test; `teardown` (if any) runs after it, pass or fail. */
export type StoreSetup = () => Promise<{ store: SessionStore; teardown?: () => Promise<void> | void }>;

const SECOND = 1000;
const EXPIRE_AFTER = 900 * SECOND;
const ABSOLUTE = 3600 * SECOND;
const TOMBSTONE_FOR = 600 * SECOND;

/** Thrown by a failed check: says what was expected and what the store answered. */
export class StoreContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreContractError';
  }
}

/**
 * Structural equality of the plain data a store answers (objects, arrays, primitives). A property
 * whose value is `undefined` counts as absent, as it would once sent over JSON.
 */
function isSame(actual: unknown, expected: unknown): boolean {
  if (Object.is(actual, expected)) return true;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return false;
  if (Array.isArray(actual) !== Array.isArray(expected)) return false;
  const keys = (value: object) => Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  const [a, e] = [keys(actual), keys(expected)];
  return a.length === e.length && e.every((key) => isSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]));
}

function same(actual: unknown, expected: unknown, message?: string): void {
  if (!isSame(actual, expected)) {
    throw new StoreContractError(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function ok(value: unknown, message = 'expected a true condition'): void {
  if (!value) throw new StoreContractError(message);
}

/**
 * Declares the store contract suite: one `describe` named after the store, one `it` per rule.
 *
 * @param name - the store's name, as the runner shows it
 * @param setup - makes a fresh store (and its teardown) for each test
 * @param test - the runner's `describe` and `it`
 */
export function storeContract(name: string, setup: StoreSetup, { describe, it }: TestApi): void {
  describe(`${name} (SessionStore contract)`, () => {
    let store: SessionStore;
    let id: string;
    // A realistic epoch, so a store that derives key TTLs from these times gets sane values.
    const t0 = Date.now();

    /** One rule: a fresh store and session id, torn down whatever happens. */
    const test = (title: string, fn: () => Promise<void>): void => {
      it(title, async () => {
        const made = await setup();
        store = made.store;
        id = `contract-${crypto.randomUUID()}`;
        try {
          await fn();
        } finally {
          await made.teardown?.();
        }
      });
    };

    const create = (at: number, absoluteTimeout: number | null = ABSOLUTE, sessionId = id) =>
      store.create(sessionId, at, { expireAfter: EXPIRE_AFTER, absoluteTimeout, tombstoneFor: TOMBSTONE_FOR });

    const touchMoved = (now: number, activity: number | null, more: Partial<TouchRequest> = {}, sessionId = id) =>
      store.touch(sessionId, {
        now,
        activity,
        expireAfter: EXPIRE_AFTER,
        absoluteTimeout: ABSOLUTE,
        touchAfter: 0,
        tombstoneFor: TOMBSTONE_FOR,
        ...more,
      });
    /** A touch's answer without `moved`, which one rule checks on its own. */
    const touch = async (...args: Parameters<typeof touchMoved>): Promise<TouchResult> => {
      const result = await touchMoved(...args);
      if (result.status !== 'alive' || !('moved' in result)) return result;
      const { moved: _moved, ...rest } = result;
      return rest;
    };

    /** Activity every 5 minutes from `from` to `to`, so idle expiry never intervenes. */
    const keepActive = async (from: number, to: number, every = 300 * SECOND) => {
      for (let at = from; at <= to; at += every) await touch(at, at);
    };

    const alive = (lastActivity: number, createdAt = t0): TouchResult => ({ status: 'alive', lastActivity, createdAt });
    /** An end as a touch reports it: `first` for the one touch that must report it (`onEnd`). */
    const ended = (reason: EndReason, first: boolean): TouchResult => ({ status: 'ended', reason, first });

    test('keeps the subject it was created with, and answers it on every alive touch (issue 12)', async () => {
      await store.create(id, t0, { expireAfter: EXPIRE_AFTER, absoluteTimeout: ABSOLUTE, tombstoneFor: TOMBSTONE_FOR, subject: 'k3yed-hash_of-ada' });
      same(await touch(t0 + SECOND, t0 + SECOND), { ...alive(t0 + SECOND), subject: 'k3yed-hash_of-ada' });
      same(await touch(t0 + 2 * SECOND, null), { ...alive(t0 + SECOND), subject: 'k3yed-hash_of-ada' });
      await create(t0 + 3 * SECOND);
      same(await touch(t0 + 3 * SECOND, null), alive(t0 + 3 * SECOND, t0 + 3 * SECOND), 'created again without one: none');
    });

    test('says moved exactly when a touch moved lastActivity forward', async () => {
      await create(t0);
      same(await touchMoved(t0 + 60 * SECOND, t0 + 60 * SECOND), { ...alive(t0 + 60 * SECOND), moved: true });
      same(await touchMoved(t0 + 61 * SECOND, t0 + 60 * SECOND), alive(t0 + 60 * SECOND), 'the same activity again');
      same(await touchMoved(t0 + 62 * SECOND, t0 + 30 * SECOND), alive(t0 + 60 * SECOND), 'older activity');
      same(await touchMoved(t0 + 63 * SECOND, null), alive(t0 + 60 * SECOND), 'passive');
      same(await touchMoved(t0 + 90 * SECOND, t0 + 90 * SECOND, { touchAfter: 60 * SECOND }), alive(t0 + 60 * SECOND), 'less than touchAfter');
    });

    test('keeps the subject in the tombstone: ended answers carry it, for the audit', async () => {
      await store.create(id, t0, { expireAfter: EXPIRE_AFTER, absoluteTimeout: ABSOLUTE, tombstoneFor: TOMBSTONE_FOR, subject: 'k3yed-hash_of-ada' });
      same(await touch(t0 + EXPIRE_AFTER, null), { ...ended('idle', true), subject: 'k3yed-hash_of-ada' });
      same(await touch(t0 + EXPIRE_AFTER + 1, null), { ...ended('idle', false), subject: 'k3yed-hash_of-ada' });
    });

    test('takes a stored time after now as now (the clock went back): never more than the limit left (issue 21)', async () => {
      await create(t0);
      same(await touch(t0 + 60 * SECOND, t0 + 60 * SECOND), alive(t0 + 60 * SECOND));
      // The server's clock steps back 300 s: the stored activity now lies 240 s in the future.
      const back = t0 - 240 * SECOND;
      same(await touch(back, null), alive(back, back), 'a stored time after now is pulled back to now');
      same(await touch(back + EXPIRE_AFTER - 1, null), alive(back, back));
      same(await touch(back + EXPIRE_AFTER, null), ended('idle', true), 'idle expireAfter after the step was seen, not after the stored time');
    });

    test('answers missing for an id it never saw', async () => {
      same(await touch(t0, t0), { status: 'missing' });
    });

    test('creates a live session whose lastActivity and createdAt are the creation time', async () => {
      await create(t0);
      same(await touch(t0 + SECOND, null), alive(t0));
    });

    test('moves lastActivity to the activity time', async () => {
      await create(t0);
      same(await touch(t0 + 60 * SECOND, t0 + 60 * SECOND), alive(t0 + 60 * SECOND));
      same(await touch(t0 + 61 * SECOND, null), alive(t0 + 60 * SECOND));
    });

    test('keeps a session alive one millisecond before the idle deadline and ends it exactly at it', async () => {
      await create(t0);
      same(await touch(t0 + EXPIRE_AFTER - 1, null), alive(t0));
      same(await touch(t0 + EXPIRE_AFTER, null), ended('idle', true));
    });

    test('ends a session at the absolute limit however recent its activity', async () => {
      await create(t0);
      await keepActive(t0, t0 + ABSOLUTE - 300 * SECOND);
      same(await touch(t0 + ABSOLUTE - 1, t0 + ABSOLUTE - 1), alive(t0 + ABSOLUTE - 1));
      same(await touch(t0 + ABSOLUTE, t0 + ABSOLUTE), ended('absolute', true));
    });

    test('has no absolute limit when absoluteTimeout is null', async () => {
      await create(t0, null);
      const later = t0 + 10 * ABSOLUTE;
      for (let at = t0; at <= later; at += 600 * SECOND) await touch(at, at, { absoluteTimeout: null });
      same((await touch(later, null, { absoluteTimeout: null })).status, 'alive');
    });

    test('names the deadline that came first when both have passed', async () => {
      await create(t0);
      await keepActive(t0, t0 + ABSOLUTE - 100 * SECOND);
      // idle deadline: ABSOLUTE + 800 s; absolute came first.
      same(await touch(t0 + ABSOLUTE + EXPIRE_AFTER, null), ended('absolute', true));
      const other = `${id}-idle`;
      await create(t0, ABSOLUTE, other);
      same(await touch(t0 + ABSOLUTE + 1, null, {}, other), ended('idle', true));
    });

    test('reports an end as first to exactly one touch', async () => {
      await create(t0);
      const results = await Promise.all(Array.from({ length: 5 }, () => touch(t0 + EXPIRE_AFTER, null)));
      same(results.filter((r) => r.status === 'ended' && r.first).length, 1);
      ok(results.every((r) => r.status === 'ended' && r.reason === 'idle'));
    });

    test('hands the duty to report an end out again when given back, and never once settled', async () => {
      await create(t0);
      const endedAt = t0 + EXPIRE_AFTER;
      same(await touch(endedAt, null), ended('idle', true));
      same(await touch(endedAt + 1, null), ended('idle', false), 'still out');
      await store.settleEndReport(id, false); // onEnd threw
      same(await touch(endedAt + 2, null), ended('idle', true));
      await store.settleEndReport(id, true); // onEnd succeeded
      same(await touch(endedAt + 3, null), ended('idle', false));
      same(await touch(endedAt + 10 * END_REPORT_LEASE, null), ended('idle', false));
    });

    test('hands the duty out again when it was never settled (a crash mid-onEnd), after the lease', async () => {
      await create(t0);
      const endedAt = t0 + EXPIRE_AFTER;
      same((await touch(endedAt, null)).status, 'ended');
      same(await touch(endedAt + END_REPORT_LEASE - 1, null), ended('idle', false));
      same(await touch(endedAt + END_REPORT_LEASE, null), ended('idle', true));
      same(await touch(endedAt + END_REPORT_LEASE + 1, null), ended('idle', false));
    });

    test('settles nothing for an id without a tombstone', async () => {
      await store.settleEndReport(id, true);
      await store.settleEndReport(id, false);
      same(await touch(t0, null), { status: 'missing' });
      await create(t0);
      await store.settleEndReport(id, true);
      same(await touch(t0 + SECOND, null), alive(t0));
    });

    test('remembers why a session ended for tombstoneFor, then forgets it', async () => {
      await create(t0);
      const endedAt = t0 + EXPIRE_AFTER;
      same(await touch(endedAt, endedAt), ended('idle', true));
      await store.settleEndReport(id, true);
      same(await touch(endedAt + TOMBSTONE_FOR - 1, endedAt + TOMBSTONE_FOR - 1), ended('idle', false));
      same(await touch(endedAt + TOMBSTONE_FOR, endedAt + TOMBSTONE_FOR), { status: 'missing' });
    });

    test('keeps an absolute end as absolute in its tombstone', async () => {
      await create(t0);
      await keepActive(t0, t0 + ABSOLUTE - 1);
      same(await touch(t0 + ABSOLUTE, null), ended('absolute', true));
      same(await touch(t0 + ABSOLUTE + SECOND, t0 + ABSOLUTE + SECOND), ended('absolute', false));
    });

    test('never revives an ended session, whatever activity a request reports', async () => {
      await create(t0);
      await touch(t0 + EXPIRE_AFTER, null);
      same(await touch(t0 + EXPIRE_AFTER + SECOND, t0 + EXPIRE_AFTER + SECOND), ended('idle', false));
    });

    test('keeps the later of the stored and the reported activity', async () => {
      await create(t0);
      await touch(t0 + 100 * SECOND, t0 + 100 * SECOND);
      same(await touch(t0 + 200 * SECOND, t0 + 50 * SECOND), alive(t0 + 100 * SECOND));
    });

    test('never records activity later than now', async () => {
      await create(t0);
      same(await touch(t0 + 10 * SECOND, t0 + 500 * SECOND), alive(t0 + 10 * SECOND));
    });

    test('does not write lastActivity until it moved at least touchAfter', async () => {
      await create(t0);
      const touchAfter = 60 * SECOND;
      same(await touch(t0 + 59 * SECOND, t0 + 59 * SECOND, { touchAfter }), alive(t0));
      same(await touch(t0 + 60 * SECOND, t0 + 60 * SECOND, { touchAfter }), alive(t0 + 60 * SECOND));
      same(await touch(t0 + 100 * SECOND, t0 + 100 * SECOND, { touchAfter }), alive(t0 + 60 * SECOND));
    });

    test('never writes on a passive request (activity null)', async () => {
      await create(t0);
      for (let s = 1; s <= 5; s++) same(await touch(t0 + s * 100 * SECOND, null), alive(t0));
      same(await touch(t0 + EXPIRE_AFTER, null), ended('idle', true));
    });

    test('forgets a deleted session entirely: missing, not ended', async () => {
      await create(t0);
      await store.delete(id);
      same(await touch(t0 + SECOND, t0 + SECOND), { status: 'missing' });

      await create(t0);
      await touch(t0 + EXPIRE_AFTER, null);
      await store.delete(id);
      same(await touch(t0 + EXPIRE_AFTER + SECOND, null), { status: 'missing' });
    });

    test('deletes only the session it is asked to', async () => {
      const other = `${id}-other`;
      await create(t0);
      await create(t0, ABSOLUTE, other);
      await store.delete(other);
      same(await touch(t0 + SECOND, null), alive(t0));
    });

    test('starts afresh when an id is created again', async () => {
      await create(t0);
      await touch(t0 + EXPIRE_AFTER, null);
      const again = t0 + EXPIRE_AFTER + SECOND;
      await create(again);
      same(await touch(again + SECOND, null), alive(again, again));
    });

    test('keeps lastActivity monotonic under 50 concurrent touches', async () => {
      await create(t0);
      const now = t0 + 300 * SECOND;
      const activities = Array.from({ length: 50 }, (_, i) => t0 + ((i * 37) % 50) * 5 * SECOND);
      const results = await Promise.all(activities.map((activity) => touch(now, activity)));
      const latest = Math.max(...activities);
      results.forEach((result, i) => {
        same(result.status, 'alive');
        const { lastActivity } = result as Extract<TouchResult, { status: 'alive' }>;
        ok(lastActivity >= activities[i]!, 'a touch never leaves lastActivity below its own activity');
        ok(lastActivity <= latest);
      });
      same(await touch(now, null), alive(latest));
    });

    // Per-session policy (issue 14): an administrator's 5 minutes, a kiosk's 2, beside the handler's 15.
    const ADMIN: SessionPolicy = { expireAfter: 300 * SECOND, warnAfter: 240 * SECOND, absoluteTimeout: 1800 * SECOND };
    const createWith = (at: number, policy: SessionPolicy, sessionId = id) =>
      store.create(sessionId, at, { expireAfter: policy.expireAfter, absoluteTimeout: policy.absoluteTimeout, tombstoneFor: TOMBSTONE_FOR, policy });

    test('keeps a session’s own policy and answers it on every alive touch, before and after a write', async () => {
      await createWith(t0, ADMIN);
      same(await touch(t0 + SECOND, null), { ...alive(t0), policy: ADMIN });
      same(await touch(t0 + 2 * SECOND, t0 + 2 * SECOND), { ...alive(t0 + 2 * SECOND), policy: ADMIN });
      same(await touch(t0 + 3 * SECOND, null), { ...alive(t0 + 2 * SECOND), policy: ADMIN });
    });

    test('ends a session by its own idle limit, whatever limits the touch asks for', async () => {
      await createWith(t0, ADMIN);
      same(await touch(t0 + ADMIN.expireAfter - 1, null), { ...alive(t0), policy: ADMIN });
      same(await touch(t0 + ADMIN.expireAfter, null), ended('idle', true));
    });

    test('ends a session by its own absolute limit, however active', async () => {
      await createWith(t0, ADMIN);
      await keepActive(t0, t0 + 1600 * SECOND, 200 * SECOND);
      same(await touch(t0 + 1800 * SECOND - 1, t0 + 1800 * SECOND - 1), { ...alive(t0 + 1800 * SECOND - 1), policy: ADMIN });
      same(await touch(t0 + 1800 * SECOND, t0 + 1800 * SECOND), ended('absolute', true));
    });

    test('keeps a longer own limit too, and no absolute limit when its own is null', async () => {
      const lenient: SessionPolicy = { expireAfter: 2 * EXPIRE_AFTER, warnAfter: EXPIRE_AFTER, absoluteTimeout: null };
      await createWith(t0, lenient);
      same(await touch(t0 + EXPIRE_AFTER + SECOND, null), { ...alive(t0), policy: lenient }, 'past the handler’s idle limit');
      await keepActive(t0 + EXPIRE_AFTER + SECOND, t0 + ABSOLUTE + EXPIRE_AFTER, 600 * SECOND);
      same((await touch(t0 + ABSOLUTE + EXPIRE_AFTER + SECOND, null)).status, 'alive', 'past the handler’s absolute limit');
    });

    test('follows each touch’s limits for a session created without a policy (records from before policies)', async () => {
      await create(t0);
      same(await touch(t0 + 300 * SECOND, null, { expireAfter: 300 * SECOND }), ended('idle', true));
    });

    test('forgets the policy when the id is created again without one', async () => {
      await createWith(t0, ADMIN);
      await create(t0 + SECOND);
      same(await touch(t0 + ADMIN.expireAfter + SECOND, null), alive(t0 + SECOND, t0 + SECOND));
    });
    // Presence (issue 23): with closeAfter, a session no page has shown for that long ends `closed`.
    // Every touch is presence, passive ones too; a closing beacon shortens it to CLOSING_GRACE;
    // presence is never activity.
    const CLOSE_AFTER = 60 * SECOND;
    const createPresent = (at: number) =>
      store.create(id, at, { expireAfter: EXPIRE_AFTER, absoluteTimeout: ABSOLUTE, tombstoneFor: TOMBSTONE_FOR, closeAfter: CLOSE_AFTER });
    const present = (now: number, activity: number | null, more: Partial<TouchRequest> = {}) => touch(now, activity, { closeAfter: CLOSE_AFTER, ...more });

    test('ends a session no touch has shown for closeAfter with reason closed, exactly at the deadline (issue 23)', async () => {
      await createPresent(t0);
      same(await present(t0 + CLOSE_AFTER - 1, null), alive(t0));
      same(await present(t0 + 2 * CLOSE_AFTER - 1, null), ended('closed', true));
      same(await present(t0 + 2 * CLOSE_AFTER, null), ended('closed', false), 'the tombstone keeps closed');
    });

    test('takes every touch, passive ones too, as presence, and never as activity', async () => {
      await createPresent(t0);
      for (let at = t0 + 20 * SECOND; at < t0 + EXPIRE_AFTER; at += 20 * SECOND) same(await present(at, null), alive(t0), `passive touch at ${(at - t0) / SECOND} s`);
      same(await present(t0 + EXPIRE_AFTER, null), ended('idle', true), 'presence never extends the idle limit');
    });

    test('shortens presence to CLOSING_GRACE on a closing touch, renewed in full by the next touch', async () => {
      await createPresent(t0);
      same(await present(t0 + 10 * SECOND, null, { closing: true }), alive(t0));
      same(await present(t0 + 10 * SECOND + CLOSING_GRACE - 1, null), alive(t0), 'a touch within the grace');
      same(await present(t0 + 10 * SECOND + CLOSING_GRACE - 1 + CLOSE_AFTER - 1, null), alive(t0), 'renewed for closeAfter');
      same(await present(t0 + 20 * SECOND + 2 * CLOSE_AFTER, null, { closing: true }), ended('closed', true));
      await createPresent(t0);
      same(await present(t0 + SECOND, t0 + SECOND, { closing: true }), alive(t0 + SECOND), 'a closing touch still records its activity');
      same(await present(t0 + SECOND + CLOSING_GRACE, null), ended('closed', true), 'no touch within the grace');
    });

    test('starts presence at the first touch asking for it when the session was created without (issue 23)', async () => {
      await create(t0);
      same(await present(t0 + 100 * SECOND, null), alive(t0));
      same(await present(t0 + 100 * SECOND + CLOSE_AFTER, null), ended('closed', true));
    });

    test('keeps a session’s own closeAfter, or none, whatever the touch asks for', async () => {
      const brief: SessionPolicy = { ...ADMIN, closeAfter: 30 * SECOND };
      await createWith(t0, brief);
      same(await present(t0 + 30 * SECOND - 1, null, { closeAfter: null }), { ...alive(t0), policy: brief });
      same(await present(t0 + 60 * SECOND - 1, null, { closeAfter: null }), ended('closed', true));
      const none: SessionPolicy = { ...ADMIN, closeAfter: null };
      await createWith(t0, none);
      same(await present(t0 + 3 * CLOSE_AFTER, null), { ...alive(t0), policy: none }, 'no presence for this session');
    });
  });
}
