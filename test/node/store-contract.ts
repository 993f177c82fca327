// The behaviour every SessionStore must show, whatever keeps the data. A store's test file calls:
//
//   storeContract('RedisStore', async () => ({ store: new RedisStore({ client, prefix }), teardown }))
//
// Times are injected (milliseconds, as the store interface speaks); nothing waits on a real clock, so a
// store must judge deadlines by the `now` it is given, never by its own clock or by key expiry alone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { END_REPORT_LEASE, type SessionStore, type TouchRequest, type TouchResult } from '../../src/hono/store.js';

const SECOND = 1000;
const EXPIRE_AFTER = 900 * SECOND;
const ABSOLUTE = 3600 * SECOND;
const TOMBSTONE_FOR = 600 * SECOND;

export function storeContract(
  name: string,
  setup: () => Promise<{ store: SessionStore; teardown?: () => Promise<void> }>,
): void {
  describe(`${name} (SessionStore contract)`, () => {
    let store: SessionStore;
    let teardown: (() => Promise<void>) | undefined;
    let id: string;
    // A realistic epoch, so a store that derives key TTLs from these times gets sane values.
    const t0 = Date.now();

    beforeEach(async () => {
      ({ store, teardown } = await setup());
      id = `contract-${randomUUID()}`;
    });
    afterEach(async () => {
      await teardown?.();
    });

    const create = (at: number, absoluteTimeout: number | null = ABSOLUTE, sessionId = id) =>
      store.create(sessionId, at, { expireAfter: EXPIRE_AFTER, absoluteTimeout, tombstoneFor: TOMBSTONE_FOR });

    const touch = (now: number, activity: number | null, more: Partial<TouchRequest> = {}, sessionId = id) =>
      store.touch(sessionId, {
        now,
        activity,
        expireAfter: EXPIRE_AFTER,
        absoluteTimeout: ABSOLUTE,
        touchAfter: 0,
        tombstoneFor: TOMBSTONE_FOR,
        ...more,
      });

    /** Activity every 5 minutes from `from` to `to`, so idle expiry never intervenes. */
    const keepActive = async (from: number, to: number) => {
      for (let at = from; at <= to; at += 300 * SECOND) await touch(at, at);
    };

    const alive = (lastActivity: number, createdAt = t0): TouchResult => ({ status: 'alive', lastActivity, createdAt });

    it('keeps the subject it was created with, and answers it on every alive touch (issue 12)', async () => {
      await store.create(id, t0, { expireAfter: EXPIRE_AFTER, absoluteTimeout: ABSOLUTE, tombstoneFor: TOMBSTONE_FOR, subject: 'k3yed-hash_of-ada' });
      assert.deepEqual(await touch(t0 + SECOND, t0 + SECOND), { ...alive(t0 + SECOND), subject: 'k3yed-hash_of-ada' });
      assert.deepEqual(await touch(t0 + 2 * SECOND, null), { ...alive(t0 + SECOND), subject: 'k3yed-hash_of-ada' });
      await create(t0 + 3 * SECOND);
      assert.deepEqual(await touch(t0 + 3 * SECOND, null), alive(t0 + 3 * SECOND, t0 + 3 * SECOND), 'created again without one: none');
    });

    it('answers missing for an id it never saw', async () => {
      assert.deepEqual(await touch(t0, t0), { status: 'missing' });
    });

    it('creates a live session whose lastActivity and createdAt are the creation time', async () => {
      await create(t0);
      assert.deepEqual(await touch(t0 + SECOND, null), alive(t0));
    });

    it('moves lastActivity to the activity time', async () => {
      await create(t0);
      assert.deepEqual(await touch(t0 + 60 * SECOND, t0 + 60 * SECOND), alive(t0 + 60 * SECOND));
      assert.deepEqual(await touch(t0 + 61 * SECOND, null), alive(t0 + 60 * SECOND));
    });

    it('keeps a session alive one millisecond before the idle deadline and ends it exactly at it', async () => {
      await create(t0);
      assert.deepEqual(await touch(t0 + EXPIRE_AFTER - 1, null), alive(t0));
      assert.deepEqual(await touch(t0 + EXPIRE_AFTER, null), { status: 'ended', reason: 'idle', first: true });
    });

    it('ends a session at the absolute limit however recent its activity', async () => {
      await create(t0);
      await keepActive(t0, t0 + ABSOLUTE - 300 * SECOND);
      assert.deepEqual(await touch(t0 + ABSOLUTE - 1, t0 + ABSOLUTE - 1), alive(t0 + ABSOLUTE - 1));
      assert.deepEqual(await touch(t0 + ABSOLUTE, t0 + ABSOLUTE), { status: 'ended', reason: 'absolute', first: true });
    });

    it('has no absolute limit when absoluteTimeout is null', async () => {
      await create(t0, null);
      const later = t0 + 10 * ABSOLUTE;
      for (let at = t0; at <= later; at += 600 * SECOND) await touch(at, at, { absoluteTimeout: null });
      assert.equal((await touch(later, null, { absoluteTimeout: null })).status, 'alive');
    });

    it('names the deadline that came first when both have passed', async () => {
      await create(t0);
      await keepActive(t0, t0 + ABSOLUTE - 100 * SECOND);
      // idle deadline: ABSOLUTE + 800 s; absolute came first.
      assert.deepEqual(await touch(t0 + ABSOLUTE + EXPIRE_AFTER, null), { status: 'ended', reason: 'absolute', first: true });
      const other = `${id}-idle`;
      await create(t0, ABSOLUTE, other);
      assert.deepEqual(await touch(t0 + ABSOLUTE + 1, null, {}, other), { status: 'ended', reason: 'idle', first: true });
    });

    it('reports an end as first to exactly one touch', async () => {
      await create(t0);
      const results = await Promise.all(Array.from({ length: 5 }, () => touch(t0 + EXPIRE_AFTER, null)));
      assert.equal(results.filter((r) => r.status === 'ended' && r.first).length, 1);
      assert.ok(results.every((r) => r.status === 'ended' && r.reason === 'idle'));
    });

    it('hands the duty to report an end out again when given back, and never once settled', async () => {
      await create(t0);
      const endedAt = t0 + EXPIRE_AFTER;
      assert.deepEqual(await touch(endedAt, null), { status: 'ended', reason: 'idle', first: true });
      assert.deepEqual(await touch(endedAt + 1, null), { status: 'ended', reason: 'idle', first: false }, 'still out');
      await store.settleEndReport(id, false); // onEnd threw
      assert.deepEqual(await touch(endedAt + 2, null), { status: 'ended', reason: 'idle', first: true });
      await store.settleEndReport(id, true); // onEnd succeeded
      assert.deepEqual(await touch(endedAt + 3, null), { status: 'ended', reason: 'idle', first: false });
      assert.deepEqual(await touch(endedAt + 10 * END_REPORT_LEASE, null), { status: 'ended', reason: 'idle', first: false });
    });

    it('hands the duty out again when it was never settled (a crash mid-onEnd), after the lease', async () => {
      await create(t0);
      const endedAt = t0 + EXPIRE_AFTER;
      assert.equal((await touch(endedAt, null)).status, 'ended');
      assert.deepEqual(await touch(endedAt + END_REPORT_LEASE - 1, null), { status: 'ended', reason: 'idle', first: false });
      assert.deepEqual(await touch(endedAt + END_REPORT_LEASE, null), { status: 'ended', reason: 'idle', first: true });
      assert.deepEqual(await touch(endedAt + END_REPORT_LEASE + 1, null), { status: 'ended', reason: 'idle', first: false });
    });

    it('settles nothing for an id without a tombstone', async () => {
      await store.settleEndReport(id, true);
      await store.settleEndReport(id, false);
      assert.deepEqual(await touch(t0, null), { status: 'missing' });
      await create(t0);
      await store.settleEndReport(id, true);
      assert.deepEqual(await touch(t0 + SECOND, null), alive(t0));
    });

    it('remembers why a session ended for tombstoneFor, then forgets it', async () => {
      await create(t0);
      const endedAt = t0 + EXPIRE_AFTER;
      assert.deepEqual(await touch(endedAt, endedAt), { status: 'ended', reason: 'idle', first: true });
      await store.settleEndReport(id, true);
      assert.deepEqual(await touch(endedAt + TOMBSTONE_FOR - 1, endedAt + TOMBSTONE_FOR - 1), {
        status: 'ended',
        reason: 'idle',
        first: false,
      });
      assert.deepEqual(await touch(endedAt + TOMBSTONE_FOR, endedAt + TOMBSTONE_FOR), { status: 'missing' });
    });

    it('keeps an absolute end as absolute in its tombstone', async () => {
      await create(t0);
      await keepActive(t0, t0 + ABSOLUTE - 1);
      assert.deepEqual(await touch(t0 + ABSOLUTE, null), { status: 'ended', reason: 'absolute', first: true });
      assert.deepEqual(await touch(t0 + ABSOLUTE + SECOND, t0 + ABSOLUTE + SECOND), {
        status: 'ended',
        reason: 'absolute',
        first: false,
      });
    });

    it('never revives an ended session, whatever activity a request reports', async () => {
      await create(t0);
      await touch(t0 + EXPIRE_AFTER, null);
      assert.deepEqual(await touch(t0 + EXPIRE_AFTER + SECOND, t0 + EXPIRE_AFTER + SECOND), {
        status: 'ended',
        reason: 'idle',
        first: false,
      });
    });

    it('keeps the later of the stored and the reported activity', async () => {
      await create(t0);
      await touch(t0 + 100 * SECOND, t0 + 100 * SECOND);
      assert.deepEqual(await touch(t0 + 200 * SECOND, t0 + 50 * SECOND), alive(t0 + 100 * SECOND));
    });

    it('never records activity later than now', async () => {
      await create(t0);
      assert.deepEqual(await touch(t0 + 10 * SECOND, t0 + 500 * SECOND), alive(t0 + 10 * SECOND));
    });

    it('does not write lastActivity until it moved at least touchAfter', async () => {
      await create(t0);
      const touchAfter = 60 * SECOND;
      assert.deepEqual(await touch(t0 + 59 * SECOND, t0 + 59 * SECOND, { touchAfter }), alive(t0));
      assert.deepEqual(await touch(t0 + 60 * SECOND, t0 + 60 * SECOND, { touchAfter }), alive(t0 + 60 * SECOND));
      assert.deepEqual(await touch(t0 + 100 * SECOND, t0 + 100 * SECOND, { touchAfter }), alive(t0 + 60 * SECOND));
    });

    it('never writes on a passive request (activity null)', async () => {
      await create(t0);
      for (let s = 1; s <= 5; s++) assert.deepEqual(await touch(t0 + s * 100 * SECOND, null), alive(t0));
      assert.deepEqual(await touch(t0 + EXPIRE_AFTER, null), { status: 'ended', reason: 'idle', first: true });
    });

    it('forgets a deleted session entirely: missing, not ended', async () => {
      await create(t0);
      await store.delete(id);
      assert.deepEqual(await touch(t0 + SECOND, t0 + SECOND), { status: 'missing' });

      await create(t0);
      await touch(t0 + EXPIRE_AFTER, null);
      await store.delete(id);
      assert.deepEqual(await touch(t0 + EXPIRE_AFTER + SECOND, null), { status: 'missing' });
    });

    it('deletes only the session it is asked to', async () => {
      const other = `${id}-other`;
      await create(t0);
      await create(t0, ABSOLUTE, other);
      await store.delete(other);
      assert.deepEqual(await touch(t0 + SECOND, null), alive(t0));
    });

    it('starts afresh when an id is created again', async () => {
      await create(t0);
      await touch(t0 + EXPIRE_AFTER, null);
      const again = t0 + EXPIRE_AFTER + SECOND;
      await create(again);
      assert.deepEqual(await touch(again + SECOND, null), alive(again, again));
    });

    it('keeps lastActivity monotonic under 50 concurrent touches', async () => {
      await create(t0);
      const now = t0 + 300 * SECOND;
      const activities = Array.from({ length: 50 }, (_, i) => t0 + ((i * 37) % 50) * 5 * SECOND);
      const results = await Promise.all(activities.map((activity) => touch(now, activity)));
      const latest = Math.max(...activities);
      results.forEach((result, i) => {
        assert.equal(result.status, 'alive');
        const { lastActivity } = result as Extract<TouchResult, { status: 'alive' }>;
        assert.ok(lastActivity >= activities[i]!, 'a touch never leaves lastActivity below its own activity');
        assert.ok(lastActivity <= latest);
      });
      assert.deepEqual(await touch(now, null), alive(latest));
    });
  });
}
