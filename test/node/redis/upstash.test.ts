/**
 * RedisStore with an `@upstash/redis` client (REST), against a real redis-server behind a small REST
 * stand-in (upstash-rest.ts): the store contract, and still one HTTP request per app request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { Redis } from '@upstash/redis';
import { RedisStore } from '../../../src/hono/store/redis.js';
import { storeContract } from '../../../src/hono/store/testing.js';
import { createTestApp } from '../hono/helpers.js';
import { RedisServer } from './redis-server.js';
import { startUpstashRest, type UpstashRest } from './upstash-rest.js';

let redis: RedisServer;
let rest: UpstashRest;
before(async () => {
  redis = await RedisServer.start();
  rest = await startUpstashRest(redis.port);
});
after(async () => {
  await rest?.close();
  await redis?.close();
});

// The client's defaults (auto-pipelining, base64 responses), as an application gets them; no retries, so a
// failure shows at once.
const upstash = () => new Redis({ url: rest.url, token: 'test-token', retry: false });

storeContract('RedisStore (@upstash/redis over REST)', async () => ({ store: new RedisStore({ client: upstash(), prefix: 'contract:upstash:' }) }), { describe, it });

describe('RedisStore with @upstash/redis', () => {
  test('costs one HTTP request (one EVALSHA) per app request once warm', async () => {
    const t = createTestApp({ store: new RedisStore({ client: upstash(), prefix: 'requests:upstash:' }) });
    const cookie = await t.login();
    await t.get('/app/page', cookie, { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin' });
    const before = rest.commands.length;
    const requestsBefore = rest.requests();
    for (let i = 0; i < 5; i++) {
      assert.equal((await t.get('/app/page', cookie, { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin' })).status, 200);
    }
    assert.deepEqual(rest.commands.slice(before), ['EVALSHA', 'EVALSHA', 'EVALSHA', 'EVALSHA', 'EVALSHA']);
    assert.equal(rest.requests() - requestsBefore, 5, 'one HTTP request each');
  });

  test('falls back to EVAL once when Redis lost the script (NOSCRIPT), then EVALSHA again', async () => {
    const client = upstash();
    const store = new RedisStore({ client, prefix: 'noscript:upstash:' });
    const now = Date.now();
    const limits = { expireAfter: 900_000, absoluteTimeout: null, tombstoneFor: 900_000 };
    await store.create('s', now, limits);
    await client.exec(['SCRIPT', 'FLUSH']);
    const before = rest.commands.length;
    const touched = await store.touch('s', { ...limits, now: now + 1000, activity: now + 1000, touchAfter: 0 });
    assert.equal(touched.status, 'alive');
    await store.touch('s', { ...limits, now: now + 2000, activity: now + 2000, touchAfter: 0 });
    assert.deepEqual(rest.commands.slice(before), ['EVALSHA', 'EVAL', 'EVALSHA']);
  });

  test('answers 503 through onStoreError, never idle, when the REST endpoint cannot be reached', async () => {
    const errors: unknown[] = [];
    const unreachable = new Redis({ url: 'http://127.0.0.1:9', token: 'test-token', retry: false });
    const store = new RedisStore({ client: unreachable, prefix: 'down:upstash:' });
    const t = createTestApp({ store, onStoreError: (error) => errors.push(error) });
    assert.equal((await t.app.request('http://localhost/login', { method: 'POST' })).status, 503);
    assert.equal(errors.length, 1);
  });
});
