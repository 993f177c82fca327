// Shared by the Hono handler's tests: a real Hono app, an injected clock, and stores that count or fail.
import { Hono } from 'hono';
import { MemoryStore } from '../../../src/hono/store/memory.js';
import { sessionTimeout, type SessionTimeout } from '../../../src/hono/session-timeout.js';
import type { SessionTimeoutOptions } from '../../../src/hono/options.js';
import type { SessionStore, TouchRequest, TouchResult } from '../../../src/hono/store/contract.js';

export const SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const ORIGIN = 'http://localhost';

/** A clock tests move by hand, in seconds. */
export function testClock(start = Date.UTC(2025, 0, 1)) {
  let t = start;
  return {
    now: () => t,
    advance(seconds: number) {
      t += seconds * 1000;
    },
  };
}

export interface TestApp {
  app: Hono;
  timeout: SessionTimeout;
  clock: ReturnType<typeof testClock>;
  store: SessionStore;
  /** Signs in; returns the `Cookie` request header value for the new session. */
  login(cookie?: string): Promise<string>;
  /** POSTs `{idle}` (or a raw body) to the ping as the element would. */
  ping(cookie: string | null, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** GET through the middleware. */
  get(path: string, cookie: string | null, headers?: Record<string, string>): Promise<Response>;
}

/**
 * An app mounting everything the way the README shows: ping on /session/ping (app.all, so other methods
 * get 405), the middleware on /app/*, start on POST /login, end on POST /logout.
 */
export function createTestApp(options: Partial<SessionTimeoutOptions> = {}, base = ORIGIN): TestApp {
  const clock = testClock();
  // A `store` function (per-request) replaces this one in the handler; `store` is then just unused.
  const store = options.store !== undefined && typeof options.store !== 'function' ? options.store : new MemoryStore();
  const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET, now: clock.now, store, ...options });
  const app = new Hono();
  app.all('/session/ping', timeout.ping);
  app.use('/app/*', timeout.middleware);
  app.get('/app/*', (c) => c.json(c.var.sessionTimeout));
  app.post('/app/*', (c) => c.json(c.var.sessionTimeout));
  app.post('/login', async (c) => c.json({ id: await timeout.start(c) }));
  app.post('/logout', async (c) => {
    await timeout.end(c);
    return c.body(null, 204);
  });

  const cookieHeader = (cookie: string | null): Record<string, string> => (cookie ? { Cookie: cookie } : {});

  return {
    app,
    timeout,
    clock,
    store,
    async login(cookie) {
      const res = await app.request(`${base}/login`, { method: 'POST', headers: cookieHeader(cookie ?? null) });
      if (res.status !== 200) throw new Error(`login answered ${res.status}`);
      return cookieFrom(res);
    },
    async ping(cookie, body = { idle: 0 }, headers = {}) {
      return app.request(`${base}/session/ping`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...cookieHeader(cookie), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async get(path, cookie, headers = {}) {
      return app.request(`${base}${path}`, { headers: { ...cookieHeader(cookie), ...headers } });
    },
  };
}

/** The `name=value` pair of the first Set-Cookie of an answer. */
export function cookieFrom(res: Response): string {
  const [setCookie] = res.headers.getSetCookie();
  if (!setCookie) throw new Error('no Set-Cookie');
  return setCookie.split(';')[0]!;
}

/** Wraps a store and counts what reached it; a write is a touch that moved lastActivity. */
export class CountingStore implements SessionStore {
  touches = 0;
  writes = 0;
  creates = 0;
  deletes: string[] = [];
  settles: [string, boolean][] = [];
  readonly #inner: SessionStore;
  readonly #last = new Map<string, number>();

  constructor(inner: SessionStore = new MemoryStore()) {
    this.#inner = inner;
  }
  async create(id: string, now: number, request: Parameters<SessionStore['create']>[2]): Promise<void> {
    this.creates++;
    this.#last.set(id, now);
    await this.#inner.create(id, now, request);
  }
  async touch(id: string, request: TouchRequest): Promise<TouchResult> {
    this.touches++;
    const result = await this.#inner.touch(id, request);
    if (result.status === 'alive' && result.lastActivity !== this.#last.get(id)) {
      this.writes++;
      this.#last.set(id, result.lastActivity);
    }
    return result;
  }
  async settleEndReport(id: string, reported: boolean): Promise<void> {
    this.settles.push([id, reported]);
    await this.#inner.settleEndReport(id, reported);
  }
  async delete(id: string): Promise<void> {
    this.deletes.push(id);
    await this.#inner.delete(id);
  }
}

/** A store whose every call fails, like Redis while it is down; `failing = false` heals it. */
export class FlakyStore implements SessionStore {
  failing = false;
  readonly #inner: SessionStore;
  constructor(inner: SessionStore = new MemoryStore()) {
    this.#inner = inner;
  }
  #check(): void {
    if (this.failing) throw new Error('ECONNREFUSED (test)');
  }
  async create(...args: Parameters<SessionStore['create']>): Promise<void> {
    this.#check();
    return this.#inner.create(...args);
  }
  async touch(...args: Parameters<SessionStore['touch']>): Promise<TouchResult> {
    this.#check();
    return this.#inner.touch(...args);
  }
  async settleEndReport(id: string, reported: boolean): Promise<void> {
    this.#check();
    return this.#inner.settleEndReport(id, reported);
  }
  async delete(id: string): Promise<void> {
    this.#check();
    return this.#inner.delete(id);
  }
}
