/**
 * RedisStore against a real redis-server, with node-redis and with ioredis: the Lua script's
 * decisions, TTLs, atomicity under concurrency, NOSCRIPT recovery and the one-command-per-touch
 * promise. Time is passed in as data (`now`); Redis' own clock only drives key expiry.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, test } from 'node:test';
import { RedisStore } from '../../../src/hono/store/redis.js';
import type { TouchRequest } from '../../../src/hono/store/contract.js';
import { storeContract } from '../../../src/hono/store/testing.js';
import { CLIENT_KINDS, connect, type ClientKind, type Connected } from './clients.js';
import { rawCommand, RedisServer } from './redis-server.js';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const limits = { expireAfter: 15 * MIN, absoluteTimeout: 8 * 60 * MIN, tombstoneFor: 15 * MIN };
const touchAt = (now: number, over: Partial<TouchRequest> = {}): TouchRequest => ({
  ...limits, now, activity: now, touchAfter: 0, ...over,
});

let redis: RedisServer;
before(async () => {
  redis = await RedisServer.start();
});
after(async () => {
  await redis.close();
});

/** `INFO commandstats` as { evalsha: calls, ... }. */
async function commandCalls(admin: Connected): Promise<Record<string, number>> {
  const info = String(await run(admin, ['INFO', 'commandstats']));
  const calls: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) calls[m[1]!] = Number(m[2]);
  return calls;
}

/** A raw command through whichever client, for assertions. */
function run(c: Connected, args: string[]): Promise<unknown> {
  const client = c.client as { sendCommand?: (a: string[]) => Promise<unknown>; call?: (...a: string[]) => Promise<unknown> };
  return client.call ? client.call(...args) : client.sendCommand!(args);
}

// The shared SessionStore contract (the same suite MemoryStore passes), once per client library.
const contractClients = new Map<ClientKind, Promise<Connected>>();
after(async () => {
  for (const conn of contractClients.values()) await (await conn).close();
});
for (const kind of CLIENT_KINDS) {
  storeContract(`RedisStore (${kind})`, async () => {
    if (!contractClients.has(kind)) contractClients.set(kind, connect(kind, redis.port));
    const { client } = await contractClients.get(kind)!;
    return { store: new RedisStore({ client, prefix: `contract:${kind}:` }) };
  }, { describe, it });
}

for (const kind of CLIENT_KINDS) {
  describe(`RedisStore with ${kind}`, () => {
    let conn: Connected;
    let store: RedisStore;
    let n = 0;
    let id: string;
    const prefix = `test:${kind}:`;
    before(async () => {
      conn = await connect(kind, redis.port);
      store = new RedisStore({ client: conn.client, prefix });
    });
    after(async () => {
      await conn.close();
    });
    beforeEach(() => {
      id = `s${++n}`;
    });

    test('create writes one hash at prefix + id with a TTL of the idle deadline plus the tombstone margin', async () => {
      await store.create(id, T0, limits);
      // `run`: the Redis process it was created under (its run_id's first 16 digits), issue 21.
      const runId = /run_id:(\w{16})/.exec(String(await run(conn, ['INFO', 'server'])))![1];
      assert.deepEqual(await run(conn, ['HGETALL', prefix + id]).then(pairs), { lastActivity: String(T0), createdAt: String(T0), run: runId });
      const pttl = Number(await run(conn, ['PTTL', prefix + id]));
      assert.ok(pttl <= limits.expireAfter + limits.tombstoneFor && pttl > limits.expireAfter + limits.tombstoneFor - 1000, `pttl ${pttl}`);
    });

    test('the TTL follows the earlier deadline: the absolute one when it comes first', async () => {
      await store.create(id, T0, { ...limits, absoluteTimeout: 5 * MIN });
      const pttl = Number(await run(conn, ['PTTL', prefix + id]));
      assert.ok(pttl <= 5 * MIN + limits.tombstoneFor && pttl > 5 * MIN + limits.tombstoneFor - 1000, `pttl ${pttl}`);
    });

    test('touch moves lastActivity forward and pushes the TTL out by the same amount', async () => {
      await store.create(id, T0, limits);
      const result = await store.touch(id, touchAt(T0 + 10 * MIN));
      assert.deepEqual(result, { status: 'alive', lastActivity: T0 + 10 * MIN, createdAt: T0, moved: true });
      const pttl = Number(await run(conn, ['PTTL', prefix + id]));
      const want = 10 * MIN - 10 * MIN + limits.expireAfter + limits.tombstoneFor; // deadline − now + margin
      assert.ok(pttl <= want && pttl > want - 1000, `pttl ${pttl}`);
    });

    test('idle: alive 1 ms before expireAfter, ended exactly at it; then a tombstone with its own TTL', async () => {
      await store.create(id, T0, limits);
      assert.equal((await store.touch(id, touchAt(T0 + limits.expireAfter - 1, { activity: null }))).status, 'alive');
      assert.deepEqual(await store.touch(id, touchAt(T0 + limits.expireAfter)), { status: 'ended', reason: 'idle', first: true });
      const endedAt = T0 + limits.expireAfter;
      const tombstone = await run(conn, ['HGETALL', prefix + id]).then(pairs);
      assert.deepEqual(Object.keys(tombstone).sort(), ['claimedUntil', 'ended', 'forgetAt']);
      assert.equal(tombstone.ended, 'idle');
      assert.equal(Number(tombstone.forgetAt), endedAt + limits.tombstoneFor);
      const pttl = Number(await run(conn, ['PTTL', prefix + id]));
      assert.ok(pttl <= limits.tombstoneFor && pttl > limits.tombstoneFor - 1000, `pttl ${pttl}`);
      // A later request, even an "active" one, never revives it.
      assert.deepEqual(await store.touch(id, touchAt(endedAt + 5)), { status: 'ended', reason: 'idle', first: false });
      await store.settleEndReport(id, true);
      const settledTtl = Number(await run(conn, ['PTTL', prefix + id]));
      assert.ok(settledTtl <= pttl, 'settling keeps the tombstone\'s TTL');
      assert.deepEqual(await store.touch(id, touchAt(endedAt + limits.tombstoneFor - 1)), { status: 'ended', reason: 'idle', first: false });
      // By the callers' clock the reason is forgotten after tombstoneFor, as by Redis' own TTL.
      assert.deepEqual(await store.touch(id, touchAt(endedAt + limits.tombstoneFor)), { status: 'missing' });
      assert.equal(await run(conn, ['EXISTS', prefix + id]).then(Number), 0);
    });

    test('absolute: ended at createdAt + absoluteTimeout however active the user was', async () => {
      const request = { ...limits, absoluteTimeout: 30 * MIN };
      await store.create(id, T0, request);
      for (let t = T0 + 5 * MIN; t < T0 + 30 * MIN; t += 5 * MIN) {
        assert.equal((await store.touch(id, touchAt(t, request))).status, 'alive');
      }
      assert.deepEqual(await store.touch(id, touchAt(T0 + 30 * MIN, request)), { status: 'ended', reason: 'absolute', first: true });
      assert.equal(await run(conn, ['HGET', prefix + id, 'ended']), 'absolute');
    });

    test('when idle came first, the reason is idle even though the absolute limit has also passed', async () => {
      const request = { ...limits, absoluteTimeout: 20 * MIN };
      await store.create(id, T0, request);
      assert.deepEqual(await store.touch(id, touchAt(T0 + 60 * MIN, request)), { status: 'ended', reason: 'idle', first: true });
    });

    test('lastActivity = max(stored, activity), never later than now; passive never writes', async () => {
      await store.create(id, T0, limits);
      await store.touch(id, touchAt(T0 + 5 * MIN));
      // An older activity (a ping from a tab idle for a while) does not move it back.
      assert.deepEqual(await store.touch(id, touchAt(T0 + 6 * MIN, { activity: T0 + 2 * MIN })),
        { status: 'alive', lastActivity: T0 + 5 * MIN, createdAt: T0 });
      // An activity in the future is capped at now.
      assert.deepEqual(await store.touch(id, touchAt(T0 + 7 * MIN, { activity: T0 + 99 * MIN })),
        { status: 'alive', lastActivity: T0 + 7 * MIN, createdAt: T0, moved: true });
      assert.deepEqual(await store.touch(id, touchAt(T0 + 8 * MIN, { activity: null })),
        { status: 'alive', lastActivity: T0 + 7 * MIN, createdAt: T0 });
    });

    test('touchAfter: no write until lastActivity would move by at least touchAfter', async () => {
      await store.create(id, T0, limits);
      const before = await commandCalls(conn);
      const request = (t: number) => touchAt(t, { touchAfter: 60_000 });
      assert.equal((await store.touch(id, request(T0 + 59_999))).status, 'alive');
      assert.deepEqual(await run(conn, ['HGET', prefix + id, 'lastActivity']), String(T0));
      const result = await store.touch(id, request(T0 + 60_000));
      assert.deepEqual(result, { status: 'alive', lastActivity: T0 + 60_000, createdAt: T0, moved: true });
      const calls = await commandCalls(conn);
      // The script ran twice; only the second wrote (one HSET and one PEXPIRE inside the script).
      assert.equal((calls.evalsha ?? 0) - (before.evalsha ?? 0), 2);
      assert.equal((calls.hset ?? 0) - (before.hset ?? 0), 1);
      assert.equal((calls.pexpire ?? 0) - (before.pexpire ?? 0), 1);
    });

    test('delete forgets the session: missing, not ended; unknown ids are missing', async () => {
      await store.create(id, T0, limits);
      await store.delete(id);
      assert.deepEqual(await store.touch(id, touchAt(T0 + 1)), { status: 'missing' });
      assert.equal(await run(conn, ['EXISTS', prefix + id]).then(Number), 0);
      assert.deepEqual(await store.touch('never-created', touchAt(T0)), { status: 'missing' });
      await store.delete('never-created'); // no error
    });

    test('create over an ended session (same id) starts afresh', async () => {
      await store.create(id, T0, limits);
      await store.touch(id, touchAt(T0 + limits.expireAfter));
      await store.create(id, T0 + limits.expireAfter, limits);
      assert.deepEqual(await store.touch(id, touchAt(T0 + limits.expireAfter, { activity: null })),
        { status: 'alive', lastActivity: T0 + limits.expireAfter, createdAt: T0 + limits.expireAfter });
    });

    test('fractional milliseconds round-trip exactly and no absolute timeout means none', async () => {
      const t = T0 + 0.25;
      await store.create(id, t, { ...limits, absoluteTimeout: null });
      const r = await store.touch(id, touchAt(t + 1000.5, { activity: t + 333.3333333, absoluteTimeout: null }));
      assert.deepEqual(r, { status: 'alive', lastActivity: t + 333.3333333, createdAt: t, moved: true });
      // Years later, still alive if active (no absolute limit), TTL only from the idle deadline.
      let now = t;
      for (let i = 0; i < 5; i++) {
        now += limits.expireAfter - 1;
        assert.equal((await store.touch(id, touchAt(now, { absoluteTimeout: null }))).status, 'alive');
      }
    });

    test('50 concurrent touches: one atomic result each, lastActivity never goes back, ends at the max', async () => {
      await store.create(id, T0, limits);
      const activities = Array.from({ length: 50 }, (_, i) => T0 + ((i * 7919) % 50) * 1000);
      const results = await Promise.all(activities.map((a) => store.touch(id, touchAt(T0 + 50_000, { activity: a }))));
      const seen = results.map((r) => (r.status === 'alive' ? r.lastActivity : NaN));
      // A single connection answers in execution order, so the replies show the sequence Redis applied.
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! >= seen[i - 1]!, `went back at ${i}: ${seen}`);
      assert.equal(seen.at(-1), Math.max(...activities));
      assert.equal(await run(conn, ['HGET', prefix + id, 'lastActivity']), String(Math.max(...activities)));
    });

    test('one Redis command per touch (INFO commandstats)', async () => {
      await store.create(id, T0, limits);
      await store.touch(id, touchAt(T0 + 1)); // the script is cached by now
      await run(conn, ['CONFIG', 'RESETSTAT']);
      for (let i = 0; i < 100; i++) await store.touch(id, touchAt(T0 + 2 + i));
      const calls = await commandCalls(conn);
      // Inside the script: TIME (the valid-until check), HMGET, HSET, PEXPIRE. The test's own INFO and
      // CONFIG RESETSTAT aside.
      const ours = ['time', 'hset', 'hmget', 'pexpire', 'info', 'config|resetstat'];
      const top = Object.fromEntries(Object.entries(calls).filter(([name]) => !ours.includes(name)));
      assert.deepEqual(top, { evalsha: 100 }, 'only EVALSHA reaches Redis from the client');
    });

    test('one Redis command per touch with presence on, closing beacons included (issue 23)', async () => {
      const closeAfter = 60_000;
      await store.create(id, T0, { ...limits, closeAfter });
      await store.touch(id, touchAt(T0 + 1, { closeAfter }));
      await run(conn, ['CONFIG', 'RESETSTAT']);
      for (let i = 0; i < 100; i++) await store.touch(id, touchAt(T0 + 2 + i, { closeAfter, closing: i % 2 === 0 }));
      const calls = await commandCalls(conn);
      const ours = ['time', 'hset', 'hmget', 'pexpire', 'info', 'config|resetstat'];
      const top = Object.fromEntries(Object.entries(calls).filter(([name]) => !ours.includes(name)));
      assert.deepEqual(top, { evalsha: 100 }, 'only EVALSHA reaches Redis from the client');
      assert.equal(await run(conn, ['HGET', prefix + id, 'presentUntil']), String(T0 + 101 + closeAfter), 'the last touch renewed presence in full');
    });

    test('NOSCRIPT (SCRIPT FLUSH, a restart, a failover): reloaded by one EVAL, then EVALSHA again', async () => {
      await store.create(id, T0, limits);
      await run(conn, ['SCRIPT', 'FLUSH']);
      await run(conn, ['CONFIG', 'RESETSTAT']);
      assert.equal((await store.touch(id, touchAt(T0 + 1))).status, 'alive');
      assert.equal((await store.touch(id, touchAt(T0 + 2))).status, 'alive');
      const calls = await commandCalls(conn);
      assert.equal(calls.eval, 1, 'one EVAL reloads the script');
      assert.equal(calls.evalsha, 2, 'first EVALSHA failed with NOSCRIPT, the next one ran');
      assert.equal(String(await run(conn, ['HGET', prefix + id, 'lastActivity'])), String(T0 + 2));
    });

    test('Redis itself forgets: a live key expires at its deadline + margin, then the session is missing', async () => {
      // Real clock, tiny durations: the only sleep in this file, a few hundred ms.
      const short = { expireAfter: 100, absoluteTimeout: null, tombstoneFor: 100 };
      const now = Date.now();
      await store.create(id, now, short);
      const pttl = Number(await run(conn, ['PTTL', prefix + id]));
      assert.ok(pttl > 0 && pttl <= 200, `pttl ${pttl}`);
      // Ended but not yet forgotten: still reported as idle.
      await sleep(120);
      assert.deepEqual(await store.touch(id, { ...short, now: Date.now(), activity: Date.now(), touchAfter: 0 }),
        { status: 'ended', reason: 'idle', first: true });
      await sleep(150);
      assert.equal(await run(conn, ['EXISTS', prefix + id]).then(Number), 0);
      assert.deepEqual(await store.touch(id, { ...short, now: Date.now(), activity: null, touchAfter: 0 }), { status: 'missing' });
    });

    test('rejects non-finite numbers before sending anything', async () => {
      await assert.rejects(store.touch(id, touchAt(Number.NaN)), RangeError);
    });
  });
}

test('the constructor rejects a client it cannot drive, and a bad timeout', () => {
  assert.throws(() => new RedisStore({ client: {} as never }), TypeError);
  assert.throws(() => new RedisStore({ client: undefined as never }), TypeError);
  assert.throws(() => new RedisStore({ client: { call: async () => 1 }, timeout: 0 }), RangeError);
});

test('node-redis and ioredis share sessions: same keys, same script', async () => {
  const a = await connect('node-redis', redis.port);
  const b = await connect('ioredis', redis.port);
  try {
    const storeA = new RedisStore({ client: a.client, prefix: 'shared:' });
    const storeB = new RedisStore({ client: b.client, prefix: 'shared:' });
    await storeA.create('x', T0, limits);
    assert.deepEqual(await storeB.touch('x', touchAt(T0 + MIN)), { status: 'alive', lastActivity: T0 + MIN, createdAt: T0, moved: true });
    // Concurrent touches from both clients interleave atomically: the latest activity wins whatever order
    // they arrive in. One `now` for all: a touch whose `now` is earlier than the stored activity takes that
    // as a clock set back and pulls it to its `now`, which would make the answer depend on arrival order.
    const both = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? storeA : storeB).touch('x', touchAt(T0 + 2 * MIN + 39, { activity: T0 + 2 * MIN + i }))));
    assert.ok(both.every((r) => r.status === 'alive'));
    assert.equal(String(await run(a, ['HGET', 'shared:x', 'lastActivity'])), String(T0 + 2 * MIN + 39));
    await storeB.delete('x');
    assert.deepEqual(await storeA.touch('x', touchAt(T0 + 3 * MIN)), { status: 'missing' });
  } finally {
    await a.close();
    await b.close();
  }
});

test('the raw-socket helper talks to the server (sanity for the failure tests)', async () => {
  assert.match(await rawCommand(redis.port, 'PING'), /^\+PONG/);
});

function pairs(reply: unknown): Record<string, string> {
  if (!Array.isArray(reply)) return Object.fromEntries(Object.entries(reply as object).map(([k, v]) => [k, String(v)]));
  const out: Record<string, string> = {};
  for (let i = 0; i < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  return out;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

describe('RedisStore: the valid-until instant (issue 6)', () => {
  it('never falls after the moment the store stops waiting, however slowly TIME was answered', async () => {
    // A node-redis-shaped client on the same clock as ours, whose TIME is read by Redis only just before
    // its reply, 200 ms after it was sent: the true offset is 0. Halving the round trip guessed +100 ms,
    // and a command that timed out could then still run in Redis.
    const sent: Array<{ validUntil: number; at: number }> = [];
    const client = {
      async sendCommand(args: string[]) {
        if (args[4] === 'clock') {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const now = Date.now();
          return [String(Math.floor(now / 1000)), String((now % 1000) * 1000), 'noeviction'];
        }
        if (args[0] === 'EVALSHA') sent.push({ validUntil: Number(args[5]), at: Date.now() });
        return [1, 'alive', '0', '0'];
      },
    };
    const store = new RedisStore({ client, timeout: 500 });
    await store.touch('a', touchAt(1000)).catch(() => {}); // the fake's reply need not make sense
    assert.ok(sent.length > 0, 'the script was sent');
    for (const { validUntil, at } of sent) assert.ok(validUntil <= at + 500, `valid until ${validUntil - at} ms after sending`);
  });
});

describe('RedisStore: a Redis that may evict sessions (issue 21)', () => {
  it('says so once on the console when maxmemory-policy is not noeviction', async (t) => {
    const conn = await connect('node-redis', redis.port);
    const warn = t.mock.method(console, 'warn', () => {});
    await rawCommand(redis.port, 'CONFIG SET maxmemory-policy allkeys-lru');
    try {
      const store = new RedisStore({ client: conn.client, prefix: 'evicting:' });
      await store.create('a', T0, limits);
      await store.touch('a', touchAt(T0 + 1));
      assert.equal(warn.mock.callCount(), 1);
      assert.match(String(warn.mock.calls[0]!.arguments[0]), /maxmemory-policy is allkeys-lru.*noeviction/s);
      await new RedisStore({ client: conn.client, prefix: 'quiet:' }).create('b', T0, limits);
      assert.equal(warn.mock.callCount(), 2, 'each store says it once');
    } finally {
      await rawCommand(redis.port, 'CONFIG SET maxmemory-policy noeviction');
      await conn.close();
    }
    const quiet = await connect('ioredis', redis.port);
    try {
      await new RedisStore({ client: quiet.client, prefix: 'quiet2:' }).create('c', T0, limits);
      assert.equal(warn.mock.callCount(), 2, 'nothing said under noeviction');
    } finally {
      await quiet.close();
    }
  });
});
