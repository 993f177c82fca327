// Servers for the conformance kit's tests: the real demo, and apps on the real Hono handler with one
// behaviour of the protocol broken each, all served over real HTTP on a free port of 127.0.0.1.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createDemoApp } from '../../../demo/app.js';
import { MemoryStore } from '../../../src/hono/store/memory.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import type { SessionTimeoutOptions } from '../../../src/hono/options.js';
import type { SessionStore, TouchResult } from '../../../src/hono/store/contract.js';

export const SECRET = 'conformance-test-secret-at-least-32-characters';
/**
 * Short durations: the kit's run then takes little more than `expireAfter`. Six seconds, not three:
 * the tests run sixteen kits and servers in one process on a shared machine, and a burst of their
 * requests must not outlast a session.
 */
export const EXPIRE_AFTER = 6;
export const WARN_AFTER = 4;

export interface Served {
  origin: string;
  close: () => Promise<void>;
}

type Fetch = (request: Request) => Response | Promise<Response>;

function listen(fetch: Fetch): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => {
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

/** The demo application of `npm start`, as demo/server.ts builds it. */
export function serveDemo({ expireAfter = EXPIRE_AFTER, warnAfter = WARN_AFTER } = {}): Promise<Served> {
  const app = createDemoApp({
    warnAfter, expireAfter, absoluteTimeout: 600, secret: SECRET,
    elementScript: new URL('../../../dist/session-timeout.min.js', import.meta.url),
  });
  return listen((request) => app.fetch(request));
}

/** How a broken server departs from the protocol. */
export interface Breakage {
  /** Options given to the real handler. */
  options?: Partial<SessionTimeoutOptions>;
  /** Wraps the store. */
  store?: (inner: MemoryStore) => SessionStore;
  /** Mounts the ping for POST only (other methods get Hono's 404). */
  postOnly?: boolean;
  /** Changes every request before the app sees it. */
  everyRequest?: (request: Request) => Request;
  /** Changes a ping (a POST to the ping path) before the handler sees it. */
  request?: (request: Request) => Request | Promise<Request>;
  /** Changes the ping's answer. */
  response?: (response: Response) => Response | Promise<Response>;
}

/** An app mounted the way the README shows (ping, guarded /app, sign-in, sign-out), with one thing broken. */
export function serveBroken(breakage: Breakage, { expireAfter = EXPIRE_AFTER, warnAfter = WARN_AFTER } = {}): Promise<Served> {
  const inner = new MemoryStore();
  const timeout = sessionTimeout({
    expireAfter, warnAfter, secret: SECRET, redirect: '/login',
    store: breakage.store ? breakage.store(inner) : inner,
    ...breakage.options,
  });
  const app = new Hono();
  app.post('/login', async (c) => {
    await timeout.start(c);
    return c.redirect('/app', 303);
  });
  if (breakage.postOnly) app.post('/session/ping', timeout.ping);
  else app.all('/session/ping', timeout.ping);
  app.use('/app', timeout.middleware);
  app.get('/app', (c) => c.text('the app'));
  return listen(async (received) => {
    const request = breakage.everyRequest ? breakage.everyRequest(received) : received;
    const isPing = new URL(request.url).pathname === '/session/ping';
    const changed = isPing && request.method === 'POST' && breakage.request ? await breakage.request(request) : request;
    const response = await app.fetch(changed);
    return isPing && breakage.response ? breakage.response(response) : response;
  });
}

/** The same request with other headers and/or body. */
export function rebuild(request: Request, change: { headers?: (headers: Headers) => void; body?: string }): Request {
  const headers = new Headers(request.headers);
  change.headers?.(headers);
  if (change.body !== undefined) headers.delete('content-length');
  return new Request(request.url, { method: request.method, headers, body: change.body ?? request.body, duplex: 'half' } as RequestInit);
}

/** The ping body's `idle`, or `undefined` for a body the protocol refuses. */
export function idleOf(text: string): number | undefined {
  try {
    const idle = (JSON.parse(text) as { idle?: unknown }).idle;
    return typeof idle === 'number' && Number.isFinite(idle) && idle >= 0 ? idle : undefined;
  } catch {
    return undefined;
  }
}

/** `inner` with its `touch` replaced: a store that breaks one rule, for the kit to catch. */
function withTouch(inner: MemoryStore, touch: SessionStore['touch']): SessionStore {
  return {
    create: (id, now, request) => inner.create(id, now, request),
    settleEndReport: (id, reported) => inner.settleEndReport(id, reported),
    delete: (id) => inner.delete(id),
    touch,
  };
}

/** A store that brings an ended session back to life on its next request. */
export function revivingStore(inner: MemoryStore): SessionStore {
  return withTouch(inner, (id, request): TouchResult | Promise<TouchResult> => {
    const result = inner.touch(id, request);
    if (result.status !== 'ended') return result;
    return inner.delete(id)
      .then(() => inner.create(id, request.now, { expireAfter: request.expireAfter, absoluteTimeout: request.absoluteTimeout, tombstoneFor: request.tombstoneFor }))
      .then(() => inner.touch(id, request));
  });
}

/** A store that sets `lastActivity = now − idle` instead of keeping the later one: a long idle ends the session. */
export function shorteningStore(inner: MemoryStore): SessionStore {
  return withTouch(inner, (id, request): TouchResult | Promise<TouchResult> => {
    const result = inner.touch(id, request);
    if (result.status === 'alive' && request.activity !== null && request.activity <= request.now - request.expireAfter) {
      return inner.delete(id).then((): TouchResult => ({ status: 'ended', reason: 'idle', first: true }));
    }
    return result;
  });
}
