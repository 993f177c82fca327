import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Context } from 'hono';
import { MemoryStore } from '../../../src/hono/store/memory.js';
import { isSessionStore, perRequestStore, toSecretList } from '../../../src/hono/per-request.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import type { SessionStore } from '../../../src/hono/store/contract.js';
import { createTestApp, SECRET } from './helpers.js';

const OTHER_SECRET = 'another-secret-that-is-at-least-32-characters';
const fetchRequest = { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin' };

/** What a misconfigured Workers binding looks like from the handler's side. */
const brokenAnswers: [string, () => unknown][] = [
  ['throws', () => {
    throw new Error('binding SESSIONS is not configured');
  }],
  ['returns undefined', () => undefined],
  ['returns null', () => null],
  ['returns a promise', () => Promise.resolve(new MemoryStore())],
];

describe('toSecretList', () => {
  it('takes one secret or a rotation list', () => {
    assert.deepEqual(toSecretList(SECRET, 'secret'), [SECRET]);
    assert.deepEqual(toSecretList([SECRET, OTHER_SECRET], 'secret'), [SECRET, OTHER_SECRET]);
  });

  it('refuses nothing, an empty list, a short secret, a non-string and a promise, naming the source', () => {
    assert.throws(() => toSecretList(undefined, 'a secret from the secret function'), /secret function is required.*undefined/);
    assert.throws(() => toSecretList([], 'secret'), /secret is required.*empty list/);
    assert.throws(() => toSecretList('short', 'secret'), /at least 32 characters long \(got 5\)/);
    assert.throws(() => toSecretList([SECRET, 42], 'secret'), /at least 32 characters long \(got number\)/);
    assert.throws(() => toSecretList(Promise.resolve(SECRET), 'the secret function'), /returned a promise/);
  });
});

describe('isSessionStore', () => {
  it('recognises a store by its four methods', () => {
    assert.ok(isSessionStore(new MemoryStore()));
    assert.ok(!isSessionStore({ touch() {} }));
    assert.ok(!isSessionStore(undefined));
    assert.ok(!isSessionStore(null));
  });
});

describe('perRequestStore', () => {
  it('asks the function once per request and checks its answer', () => {
    let calls = 0;
    const store = new MemoryStore();
    const storeFor = perRequestStore(() => {
      calls++;
      return store;
    });
    const first = {} as Context;
    const second = {} as Context;
    assert.equal(storeFor(first), store);
    assert.equal(storeFor(first), store);
    assert.equal(calls, 1);
    storeFor(second);
    assert.equal(calls, 2);
  });

  it('throws a clear error for a missing store', () => {
    assert.throws(() => perRequestStore(() => undefined as unknown as SessionStore)({} as Context), /returned undefined, not a SessionStore/);
  });
});

describe('sessionTimeout: store and secret as functions of the context (contract §7)', () => {
  it('works end to end with both from the context, as on Workers (c.env)', async () => {
    const store = new MemoryStore();
    const seen: Context[] = [];
    const t = createTestApp({
      store: (c) => {
        seen.push(c);
        return store;
      },
      secret: () => SECRET,
    });
    const cookie = await t.login();
    assert.equal((await t.get('/app/page', cookie, fetchRequest)).status, 200);
    const ping = await t.ping(cookie, { idle: 0 });
    assert.equal(ping.status, 200);
    assert.equal(typeof (await ping.json()).remaining, 'number');
    assert.equal(new Set(seen).size, seen.length, 'the function is asked at most once per request');
    assert.equal(seen.length, 3);
  });

  it('signs with a static secret and a function alike: cookies carry over between the two', async () => {
    const store = new MemoryStore();
    const cookie = await createTestApp({ store }).login();
    const t = createTestApp({ store, secret: () => [OTHER_SECRET, SECRET] });
    assert.equal((await t.get('/app/page', cookie, fetchRequest)).status, 200, 'the second secret verifies');
    const rotated = createTestApp({ store, secret: () => OTHER_SECRET });
    assert.equal((await rotated.get('/app/page', cookie, fetchRequest)).status, 401, 'a retired secret no longer verifies');
  });

  it('follows a secret function whose answer changes (a rotated binding)', async () => {
    let secret = SECRET;
    const t = createTestApp({ secret: () => secret });
    const cookie = await t.login();
    assert.equal((await t.get('/app/page', cookie, fetchRequest)).status, 200);
    secret = OTHER_SECRET;
    assert.equal((await t.get('/app/page', cookie, fetchRequest)).status, 401);
  });

  for (const [what, answer] of brokenAnswers) {
    const store = new MemoryStore();
    // The same four requests fail the same way whichever function breaks; only what breaks differs.
    for (const [option, options] of [
      ['store', (broken: () => boolean) => ({ store: () => (broken() ? (answer() as SessionStore) : store) })],
      ['secret', (broken: () => boolean) => ({ secret: () => (broken() ? (answer() as string) : SECRET) })],
    ] as const) {
      it(`answers 503 through onStoreError, never passes on, when the ${option} function ${what}`, async () => {
        const errors: unknown[] = [];
        let broken = false;
        const t = createTestApp({ ...options(() => broken), required: false, onStoreError: (error) => errors.push(error) });
        const cookie = await t.login();
        broken = true;
        for (const res of [
          await t.get('/app/page', cookie, fetchRequest),
          await t.get('/app/page', null, fetchRequest),
          await t.ping(cookie, { idle: 0 }),
          await t.app.request('http://localhost/login', { method: 'POST' }),
        ]) {
          assert.equal(res.status, 503);
          assert.ok(res.headers.get('Retry-After'));
        }
        assert.equal(errors.length, 4);
        assert.ok(errors.every((error) => error instanceof Error));
      });
    }
  }

  it('checks a returned secret like a static one: too short is a 503 naming the rule', async () => {
    const errors: unknown[] = [];
    const t = createTestApp({ secret: () => 'short', onStoreError: (error) => errors.push(error) });
    assert.equal((await t.app.request('http://localhost/login', { method: 'POST' })).status, 503);
    assert.match(String(errors[0]), /secret function must be at least 32 characters long/);
  });

  it('end() still clears the cookie when a secret function fails, and throws', async () => {
    let broken = false;
    const timeout = sessionTimeout({
      expireAfter: 900,
      secret: () => {
        if (broken) throw new Error('no secret');
        return SECRET;
      },
    });
    const t = createTestApp({ secret: SECRET });
    const cookie = await t.login();
    broken = true;
    const { Hono } = await import('hono');
    const app = new Hono();
    app.post('/logout', async (c) => {
      await timeout.end(c).catch(() => undefined);
      return c.body(null, 204);
    });
    const res = await app.request('http://localhost/logout', { method: 'POST', headers: { Cookie: cookie } });
    assert.match(res.headers.getSetCookie()[0] ?? '', /^session-timeout=;/);
  });

  it('begin(id) and revoke(id), which have no request, say so for a store or secret function, and work with static ones', async () => {
    const sessionId = () => 'app-session-id-0123456789';
    const storeFunction = sessionTimeout({ expireAfter: 900, sessionId, store: () => new MemoryStore() });
    await assert.rejects(storeFunction.begin('app-session-id-0123456789'), /begin\(id\) runs without a request/);
    await assert.rejects(storeFunction.revoke('app-session-id-0123456789'), /revoke\(id\) runs without a request/);
    const secretFunction = sessionTimeout({ expireAfter: 900, sessionId, secret: () => SECRET });
    await assert.rejects(secretFunction.begin('app-session-id-0123456789', { subject: 'ada' }), /needs a static secret/);
    await secretFunction.begin('app-session-id-0123456789');
  });

  it('still refuses a store option that is neither a store nor a function, at start-up', () => {
    assert.throws(
      () => sessionTimeout({ expireAfter: 900, secret: SECRET, store: {} as SessionStore }),
      /store must implement SessionStore/,
    );
  });
});
