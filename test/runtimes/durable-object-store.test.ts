/**
 * The store contract (src/hono/testing.ts, published as session-timeout-element/hono/testing) for DurableObjectStore with its objects running in
 * workerd: Node drives each store operation through a small worker (entries/store-worker.ts), so the
 * atomicity checked here is the real object's, not a simulation.
 */
import { after, before, describe, it } from 'node:test';
import type { CreateRequest, SessionStore, TouchRequest, TouchResult } from '../../src/hono/store.js';
import { storeContract } from '../../src/hono/testing.js';
import { checkBinary, runtimes, serve, type Served } from './runtimes.js';

const workerd = runtimes.find((runtime) => runtime.name === 'workerd')!;
let server: Served;

before(async () => {
  checkBinary(workerd);
  server = await serve(workerd, { entry: 'test/runtimes/entries/store-worker.ts', durableObjects: true });
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
