/**
 * The store contract (src/hono/testing.ts, published as session-timeout-element/hono/testing) for DurableObjectStore with its objects running in
 * workerd: Node drives each store operation through a small worker (entries/store-worker.ts), so the
 * atomicity checked here is the real object's, not a simulation. Then the handler on that store when
 * its objects throw or hang: 503, never "idle", never the protected page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreateRequest, SessionStore, TouchRequest, TouchResult } from '../../src/hono/store/contract.js';
import { storeContract } from '../../src/hono/store/testing.js';
import { send } from './http-client.js';
import { checkBinary, runtimes, serve, type Served } from './runtimes.js';

const workerd = runtimes.find((runtime) => runtime.name === 'workerd')!;
let server: Served;

before(async () => {
  checkBinary(workerd);
  server = await serve(workerd, {
    entry: 'test/runtimes/entries/store-worker.ts',
    durableObjects: { SESSIONS: 'SessionStoreObject', BROKEN: 'BrokenObject', HANGING: 'HangingObject' },
  });
});
after(() => server?.stop());

/** A SessionStore whose every call is one request to the worker, which makes it on the real store. */
class WorkerdStore implements SessionStore {
  async #call(operation: string, id: string, body: object): Promise<unknown> {
    const res = await fetch(`${server.origin}/${operation}/${encodeURIComponent(id)}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${operation}: ${res.status} ${await res.text()}\n${server.output()}`);
    return res.json();
  }
  async create(id: string, now: number, request: CreateRequest): Promise<void> {
    await this.#call('create', id, { now, request });
  }
  async touch(id: string, request: TouchRequest): Promise<TouchResult> {
    return (await this.#call('touch', id, { request })) as TouchResult;
  }
  async settleEndReport(id: string, reported: boolean): Promise<void> {
    await this.#call('settle', id, { reported });
  }
  async delete(id: string): Promise<void> {
    await this.#call('delete', id, {});
  }
}

storeContract('DurableObjectStore (objects in workerd)', async () => ({ store: new WorkerdStore() }), { describe, it });

describe('the handler on DurableObjectStore in workerd, when the objects fail', () => {
  const fetchRequest = { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin' };
  const url = (path: string) => `${server.origin}/handler${path}`;
  /** The store's timeout with the hanging objects (ms): short, so the suite waits little. */
  const HANGING_TIMEOUT = 300;

  for (const [objects, error] of [
    ['broken', /this object is broken/],
    ['hanging', new RegExp(`did not answer \\w+ within ${HANGING_TIMEOUT} ms`)],
  ] as const) {
    it(`objects that are ${objects}: 503 with Retry-After for the page, the ping and a sign-in, each told to onStoreError`, async () => {
      const signedIn = await send(url('/login'), { method: 'POST', headers: fetchRequest });
      assert.equal(signedIn.status, 200, server.output());
      const cookie = signedIn.setCookies[0]!.split(';')[0]!;
      const failing = { ...fetchRequest, 'X-Objects': objects, 'X-Store-Timeout': String(HANGING_TIMEOUT), Cookie: cookie };

      const startedAt = Date.now();
      const answers = [
        await send(url('/app/page'), { headers: failing }),
        await send(url('/session/ping'), {
          method: 'POST',
          headers: { ...failing, Origin: server.origin, 'Content-Type': 'application/json' },
          body: JSON.stringify({ idle: 0 }),
        }),
        await send(url('/login'), { method: 'POST', headers: failing }),
      ];
      for (const answer of answers) {
        assert.equal(answer.status, 503, 'unknown, so neither the page (200) nor "signed out" (401)');
        assert.ok(Number(answer.header('Retry-After')) > 0);
      }
      if (objects === 'hanging') assert.ok(Date.now() - startedAt < 3 * HANGING_TIMEOUT + 2000, 'each wait bounded by the timeout');

      const reported = (await send(url('/store-errors'))).json() as string[];
      assert.equal(reported.length, 3, JSON.stringify(reported));
      for (const message of reported) assert.match(message, error);
    });
  }
});
