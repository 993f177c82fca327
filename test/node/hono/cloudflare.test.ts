import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DurableObjectStore, SessionStoreObject, type SessionNamespace, type SessionObjectState } from '../../../src/hono/store/cloudflare.js';
import { storeContract } from '../../../src/hono/store/testing.js';
import { createTestApp } from './helpers.js';

/** A Map standing in for one object's transactional storage (on workerd: test/runtimes/durable-object-store.test.ts). */
function memoryStorage(): SessionObjectState['storage'] & { alarm: number | null } {
  const data = new Map<string, unknown>();
  return {
    alarm: null,
    async get<T>(key: string) {
      return structuredClone(data.get(key)) as T | undefined;
    },
    async put(key, value) {
      data.set(key, structuredClone(value));
    },
    async deleteAll() {
      data.clear();
    },
    async setAlarm(at) {
      this.alarm = at;
    },
    async deleteAlarm() {
      this.alarm = null;
    },
  };
}

/**
 * A namespace routing each name to its own object, as Cloudflare's does. Its requests run one at a
 * time per object: the input gate a real object closes while it awaits storage (workerd shows it
 * for real in test/runtimes).
 */
function memoryNamespace(): SessionNamespace {
  const objects = new Map<string, { object: SessionStoreObject; queue: Promise<unknown> }>();
  return {
    idFromName: (name) => name,
    get: (id: never) => ({
      fetch: (input, init) => {
        let entry = objects.get(id);
        if (!entry) objects.set(id, (entry = { object: new SessionStoreObject({ storage: memoryStorage() }), queue: Promise.resolve() }));
        const { object } = entry;
        const answer = entry.queue.then(() => object.fetch(new Request(input, init)));
        entry.queue = answer.catch(() => undefined);
        return answer;
      },
    }),
  };
}

storeContract('DurableObjectStore (in-process objects)', async () => ({ store: new DurableObjectStore(memoryNamespace()) }), { describe, it });

describe('DurableObjectStore', () => {
  it('refuses something that is not a namespace binding, saying which to pass', () => {
    assert.throws(() => new DurableObjectStore(undefined as unknown as SessionNamespace), /c\.env\.SESSIONS/);
  });

  it('refuses a timeout that is not a positive number of milliseconds, naming it', () => {
    for (const timeout of [0, -1, Number.NaN, Infinity, '5000']) {
      assert.throws(() => new DurableObjectStore(memoryNamespace(), { timeout: timeout as number }),
        (error: Error) => error instanceof TypeError && /`timeout`/.test(error.message));
    }
  });

  it('answers 503, never idle, when the object cannot be reached, fails or hangs', async () => {
    const signals: AbortSignal[] = [];
    for (const fetch of [
      async () => {
        throw new Error('Durable Object reset because its code was updated');
      },
      async () => new Response('overloaded', { status: 500 }),
      async () => Response.json({ nonsense: true }),
      // Hangs, heeding no abort: only the store's own timeout (20 ms here) ends the wait.
      (_input: string, init?: RequestInit) => {
        signals.push(init!.signal!);
        return new Promise<Response>(() => {});
      },
    ]) {
      const errors: unknown[] = [];
      let broken = false;
      const working = memoryNamespace();
      const namespace: SessionNamespace = {
        idFromName: (name) => name,
        get: (id: never) => (broken ? { fetch } : working.get(id)),
      };
      const t = createTestApp({
        store: () => new DurableObjectStore(namespace, { timeout: 20 }),
        onStoreError: (error) => errors.push(error),
      });
      const cookie = await t.login();
      broken = true;
      const res = await t.get('/app/page', cookie, { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin' });
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('Retry-After'));
      assert.equal((await t.ping(cookie)).status, 503);
      assert.equal(errors.length, 2);
    }
    assert.equal(signals.length, 2, 'the hung object was asked twice');
    assert.ok(signals.every((signal) => signal.aborted), 'and each request was aborted at the timeout');
    assert.match(String(signals[0]!.reason), /did not answer touch within 20 ms/);
  });
});

describe('SessionStoreObject', () => {
  it('arms an alarm to forget the session, and forgets it when the alarm finds it lapsed', async () => {
    const storage = memoryStorage();
    const object = new SessionStoreObject({ storage });
    const call = (operation: string, body: object) =>
      object.fetch(new Request(`https://x/${operation}`, { method: 'POST', body: JSON.stringify(body) }));
    const past = Date.now() - 10_000_000;
    await call('create', { now: past, request: { expireAfter: 1000, absoluteTimeout: null, tombstoneFor: 1000 } });
    assert.equal(storage.alarm, past + 2000);
    await object.alarm();
    assert.equal(await storage.get('session'), undefined);
  });

  it('answers 404 to an operation it does not know', async () => {
    const object = new SessionStoreObject({ storage: memoryStorage() });
    const res = await object.fetch(new Request('https://x/drop-table', { method: 'POST', body: '{}' }));
    assert.equal(res.status, 404);
  });
});
