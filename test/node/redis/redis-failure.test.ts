/**
 * When Redis is hung or gone, every store operation rejects (the handler answers 503, never 401 and
 * never "active") within the configured timeout; nothing is left as an unhandled rejection; and the
 * same store works again once Redis is back on the same port, without being re-created.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { RedisStore, RedisStoreError } from '../../../src/hono/store/redis.js';
import type { TouchRequest } from '../../../src/hono/store/contract.js';
import { CLIENT_KINDS, connect, type Connected } from './clients.js';
import { rawCommand, RedisServer } from './redis-server.js';

const limits = { expireAfter: 60_000, absoluteTimeout: null, tombstoneFor: 60_000 };
const touchAt = (now: number): TouchRequest => ({ ...limits, now, activity: now, touchAfter: 0 });
const TIMEOUT = 300;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
before(() => process.on('unhandledRejection', onUnhandled));
after(() => process.off('unhandledRejection', onUnhandled));

for (const kind of CLIENT_KINDS) {
  describe(`RedisStore with ${kind} when Redis fails`, () => {
    let redis: RedisServer;
    let conn: Connected;
    let store: RedisStore;
    beforeEach(async () => {
      redis = await RedisServer.start();
      conn = await connect(kind, redis.port);
      store = new RedisStore({ client: conn.client, timeout: TIMEOUT });
      unhandled.length = 0;
    });
    afterEach(async () => {
      await conn.close();
      await redis.close();
    });

    test('a hung Redis (SIGSTOP): operations reject within the timeout; they succeed again after SIGCONT', async () => {
      await store.create('a', 1000, limits);
      redis.pause();
      for (const op of [() => store.touch('a', touchAt(2000)), () => store.create('b', 2000, limits), () => store.delete('b')]) {
        const started = performance.now();
        await assert.rejects(op(), RedisStoreError);
        const took = performance.now() - started;
        // At the timeout, not before (no false alarm) and not much later (no hang); slack for a busy machine.
        assert.ok(took >= TIMEOUT - 5 && took < TIMEOUT + 1000, `rejected after ${took} ms`);
      }
      redis.resume();
      assert.equal((await eventually(() => store.touch('a', touchAt(3000)))).status, 'alive');
      await settle();
      assert.deepEqual(unhandled, []);
    });

    test('a command that timed out (503) changes nothing when the hung Redis runs it later', async () => {
      await store.create('a', 1000, limits);
      await store.create('ended', 1000, limits);
      redis.pause();
      // Both would write if they ran: one records activity, one ends a session, one starts a session.
      await assert.rejects(store.touch('a', touchAt(50_000)), RedisStoreError);
      await assert.rejects(store.touch('ended', touchAt(1000 + limits.expireAfter)), RedisStoreError);
      await assert.rejects(store.create('late', 50_000, limits), RedisStoreError);
      redis.resume();
      // The queued commands run now, after their valid-until instant: each must be a no-op.
      const check = (id: string) => store.touch(id, { ...touchAt(50_001), activity: null });
      assert.deepEqual(await eventually(() => check('a')), { status: 'alive', lastActivity: 1000, createdAt: 1000 });
      assert.deepEqual(await check('ended'), { status: 'alive', lastActivity: 1000, createdAt: 1000 });
      assert.deepEqual(await check('late'), { status: 'missing' });
      await settle();
      assert.deepEqual(unhandled, []);
    });

    test('a sign-out after the last snapshot stays signed out when Redis crashes and restarts from it (issue 21)', async () => {
      const now = Date.now();
      const live = (at: number): TouchRequest => ({ ...touchAt(at), activity: null });
      await store.create('signed-out', now, limits);
      await store.create('other', now, limits);
      assert.match(await rawCommand(redis.port, 'SAVE'), /^\+OK/);
      await store.delete('signed-out'); // the sign-out, after the snapshot
      await redis.stop(); // kill -9
      await redis.start(); // loads the snapshot
      assert.match(await rawCommand(redis.port, 'EXISTS signed-out'.replace('signed-out', `${store.prefix}signed-out`)), /^:1/, 'the snapshot brought the record back');
      // Nothing tells a record signed out since the snapshot from one that was not: none is trusted.
      assert.deepEqual(await eventually(() => store.touch('signed-out', live(Date.now()))), { status: 'missing' });
      assert.deepEqual(await store.touch('other', live(Date.now())), { status: 'missing' });
      await store.create('new', Date.now(), limits);
      assert.equal((await store.touch('new', live(Date.now()))).status, 'alive', 'sessions created since the restart live');
      await settle();
    });

    test('endSessionsOnRestart: false keeps sessions over a restart, for a Redis that loses no write', async () => {
      const keeping = new RedisStore({ client: conn.client, timeout: TIMEOUT, endSessionsOnRestart: false });
      await keeping.create('kept', Date.now(), limits);
      await rawCommand(redis.port, 'SAVE');
      await redis.stop();
      await redis.start();
      assert.equal((await eventually(() => keeping.touch('kept', { ...touchAt(Date.now()), activity: null }))).status, 'alive');
      assert.throws(() => new RedisStore({ client: conn.client, endSessionsOnRestart: 'no' as never }), /endSessionsOnRestart/);
      await settle();
    });

    test('a +60 s step of the server clock: a command given up on (503) is still a no-op when Redis wakes (issue 21)', async () => {
      const realNow = Date.now;
      const t = realNow();
      await store.create('a', t, limits); // the store reads Redis' clock here
      Date.now = () => realNow() + 60_000;
      try {
        redis.pause();
        await assert.rejects(store.touch('a', touchAt(Date.now())), RedisStoreError);
        redis.resume();
        const check = await eventually(() => store.touch('a', { ...touchAt(Date.now()), activity: null }));
        // Unchanged: the activity stored at t, as this (stepped) clock reads it (to the reading of Redis' clock); the
        // late touch would have moved it by the 300 ms it waited and more.
        assert.equal(check.status, 'alive');
        const { lastActivity, createdAt } = check as Extract<typeof check, { status: 'alive' }>;
        assert.equal(lastActivity, createdAt, 'no activity recorded since the create');
        assert.ok(Math.abs(lastActivity - (t + 60_000)) < 100, `lastActivity ${lastActivity - t} ms after t`);
      } finally {
        Date.now = realNow;
      }
      await settle();
      assert.deepEqual(unhandled, []);
    });

    test('Redis stopped mid-test: reject fast or at the timeout, never hang; recover on restart (same port)', async () => {
      await store.create('a', 1000, limits);
      assert.equal((await store.touch('a', touchAt(2000))).status, 'alive');
      await redis.stop();

      const failures = await Promise.allSettled([
        store.touch('a', touchAt(3000)),
        store.touch('a', touchAt(3001)),
        store.create('b', 3000, limits),
        store.delete('a'),
      ]);
      for (const f of failures) {
        assert.equal(f.status, 'rejected');
        assert.ok((f as PromiseRejectedResult).reason instanceof RedisStoreError, String((f as PromiseRejectedResult).reason));
      }

      await redis.start();
      // The restarted server has no data (no persistence in the tests) and an empty script cache:
      // the store reloads its script by itself once the client has reconnected.
      assert.deepEqual(await eventually(() => store.touch('a', touchAt(4000))), { status: 'missing' });
      await store.create('c', 4000, limits);
      assert.deepEqual(await store.touch('c', touchAt(5000)), { status: 'alive', lastActivity: 5000, createdAt: 4000, moved: true });
      await settle();
      assert.deepEqual(unhandled, []);
    });
  });
}

/** Retries until `fn` resolves (the client reconnects on its own schedule), for at most 5 s. */
async function eventually<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Lets late rejections from the clients' own queues surface before checking for unhandled ones. */
function settle() {
  return new Promise((r) => setTimeout(r, 100));
}
