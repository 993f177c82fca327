// session-timeout-element/express over real HTTP: a real Express 5 app on port 0, fetched as a browser
// would (cookies by hand, fetch metadata headers set per test), with an injected clock.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express, { type Express } from 'express';
import { createClient } from 'redis';
import { MemoryStore, sessionTimeout, type SessionTimeout, type SessionTimeoutOptions } from '../../../src/express/index.js';
import { RedisStore } from '../../../src/hono/redis.js';
import type { SessionStore } from '../../../src/hono/index.js';
import { RedisServer } from '../redis/redis-server.js';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';

function testClock(start = Date.UTC(2025, 0, 1)) {
  let t = start;
  return { now: () => t, advance: (seconds: number) => void (t += seconds * 1000) };
}

interface TestServer {
  base: string;
  clock: ReturnType<typeof testClock>;
  timeout: SessionTimeout;
  /** Signs in (`POST /login`); the `Cookie` request header value of the new session. */
  login(): Promise<string>;
  get(path: string, cookie: string | null, headers?: Record<string, string>): Promise<Response>;
  ping(cookie: string | null, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

/**
 * An Express app mounted the way the docs show: the ping first (app.all: other methods get 405), then
 * the middleware on /app, start on POST /login, end on POST /logout. `configure` adds routes first.
 */
async function serve(options: Partial<SessionTimeoutOptions> = {}, configure?: (app: Express, timeout: SessionTimeout) => void): Promise<TestServer> {
  const clock = testClock();
  const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET, now: clock.now, redirect: '/login', ...options });
  const app = express();
  configure?.(app, timeout);
  app.all('/session/ping', timeout.ping);
  app.use('/app', timeout.middleware);
  app.get('/app/{*rest}', (req, res) => {
    res.json(req.sessionTimeout);
  });
  app.post('/app/echo', express.json(), (req, res) => {
    res.json({ body: req.body, session: req.sessionTimeout });
  });
  app.post('/login', async (req, res) => {
    const id = await timeout.start(req, res);
    res.json({ id, state: req.sessionTimeout });
  });
  app.post('/logout', async (req, res) => {
    await timeout.end(req, res);
    res.json({ state: req.sessionTimeout });
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookieHeader = (cookie: string | null): Record<string, string> => (cookie ? { Cookie: cookie } : {});
  const test: TestServer = {
    base,
    clock,
    timeout,
    async login() {
      const res = await fetch(`${base}/login`, { method: 'POST' });
      assert.equal(res.status, 200, await res.clone().text());
      const cookie = res.headers.getSetCookie()[0];
      assert.ok(cookie, 'start sets a cookie');
      return cookie.split(';')[0]!;
    },
    get: (path, cookie, headers = {}) => get(`${base}${path}`, { 'Sec-Fetch-Mode': 'cors', ...cookieHeader(cookie), ...headers }),
    ping: (cookie, body = { idle: 0 }, headers = {}) =>
      fetch(`${base}/session/ping`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...cookieHeader(cookie), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      return closed.then(() => undefined);
    },
  };
  servers.push(test);
  return test;
}

/**
 * A GET over node:http, answered as a Fetch `Response`: Node's fetch would replace our `Sec-Fetch-Mode`
 * (a navigation's `navigate`) with its own `cors`.
 */
function get(url: string, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answer = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) answer.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const body = chunks.length > 0 ? Buffer.concat(chunks) : null;
        resolve(new Response(body, { status: res.statusCode!, headers: answer }));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A store whose every method fails, as a store that lost its connection does. */
class DownStore implements SessionStore {
  create(): never {
    throw new Error('store down');
  }
  touch(): never {
    throw new Error('store down');
  }
  settleEndReport(): never {
    throw new Error('store down');
  }
  delete(): never {
    throw new Error('store down');
  }
}

describe('the middleware', () => {
  it('lets a live session through with req.sessionTimeout, and counts the request as activity', async () => {
    const s = await serve();
    const cookie = await s.login();
    s.clock.advance(600);
    const res = await s.get('/app/page', cookie);
    assert.equal(res.status, 200);
    const state = (await res.json()) as { id: string; expired: boolean; remaining: number; expireAfter: number; warnAfter: number };
    assert.equal(typeof state.id, 'string');
    assert.equal(state.expired, false);
    assert.equal(state.remaining, 900);
    assert.deepEqual([state.expireAfter, state.warnAfter], [900, 840]);
    // Activity 600 s in: alive at 1400 s from the start, ended after 1500.
    s.clock.advance(800);
    assert.equal((await s.get('/app/page', cookie)).status, 200);
  });

  it('answers a fetch without a session 401 JSON (no-store), and a navigation 303 to redirect', async () => {
    const s = await serve();
    const res = await s.get('/app/page', null);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await res.json(), { expired: true, reason: 'missing' });

    const nav = await s.get('/app/page', null, { 'Sec-Fetch-Mode': 'navigate' });
    assert.equal(nav.status, 303);
    assert.equal(nav.headers.get('location'), '/login');
  });

  it('ends an idle session: 401 reason idle for fetch, 303 to /login?reason=idle for a navigation', async () => {
    const s = await serve();
    const cookie = await s.login();
    s.clock.advance(901);
    const nav = await s.get('/app/page', cookie, { 'Sec-Fetch-Mode': 'navigate' });
    assert.equal(nav.status, 303);
    assert.equal(nav.headers.get('location'), '/login?reason=idle');
    const res = await s.get('/app/page', cookie);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { expired: true, reason: 'idle' });
  });

  it('ends a session past absoluteTimeout however active', async () => {
    const s = await serve({ absoluteTimeout: 1000 });
    const cookie = await s.login();
    for (let i = 0; i < 2; i++) {
      s.clock.advance(500);
      assert.equal((await s.get('/app/page', cookie)).status, i === 0 ? 200 : 401);
    }
  });

  it('does not count a passive request (X-Session-Passive: 1, or a passive path) as activity', async () => {
    const s = await serve({ passive: '/app/poll' });
    const cookie = await s.login();
    s.clock.advance(800);
    const res = await s.get('/app/page', cookie, { 'X-Session-Passive': '1' });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { remaining: number }).remaining, 100);
    assert.equal((await s.get('/app/poll', cookie)).status, 200, 'the full path, mount path included, is matched');
    s.clock.advance(101);
    assert.equal((await s.get('/app/page', cookie)).status, 401);
  });

  it('leaves the request body to the app\'s body parser', async () => {
    const s = await serve();
    const cookie = await s.login();
    const res = await fetch(`${s.base}/app/echo`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    assert.equal(res.status, 200);
    const { body, session } = (await res.json()) as { body: unknown; session: { id: string } };
    assert.deepEqual(body, { hello: 'world' });
    assert.equal(typeof session.id, 'string');
  });

  it('with required: false, lets a request without a session through with id null, clearing a dead cookie', async () => {
    const s = await serve({ required: false });
    const res = await s.get('/app/page', null);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { id: null, expired: false, reason: 'missing', remaining: 0, absoluteRemaining: null });
    const tampered = await s.get('/app/page', 'session-timeout=forged.value');
    assert.equal(tampered.status, 200);
    assert.match(tampered.headers.getSetCookie()[0] ?? '', /^session-timeout=;.*Max-Age=0/i, 'the Set-Cookie of the Hono handler reaches the Express answer');
    assert.equal(((await tampered.json()) as { id: unknown }).id, null);
  });

  it('answers an htmx request for an ended session with HX-Redirect on a bodiless 200', async () => {
    const s = await serve();
    const res = await s.get('/app/page', null, { 'HX-Request': 'true' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('hx-redirect'), '/login');
    assert.equal(await res.text(), '');
  });
});

describe('the ping', () => {
  it('answers the live session\'s fields, no-store, and credits only now − idle (never activity)', async () => {
    const s = await serve({ absoluteTimeout: 3600 });
    const cookie = await s.login();
    s.clock.advance(600);
    // Idle for 500 s of the 600 since sign-in: active at 100 s, so 100 + 900 − 600 = 400 s left.
    const res = await s.ping(cookie, { idle: 500 });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), { remaining: 400, expireAfter: 900, warnAfter: 840, absoluteRemaining: 3000 });
    // The ping itself was not activity: the session ends 900 s after 100 s, not after 600 s.
    s.clock.advance(401);
    assert.equal((await s.get('/app/page', cookie)).status, 401);
  });

  it('answers 400 for a bad body, 403 cross-site, 405 for another method, 413 over 1 KiB, 401 without a session', async () => {
    const s = await serve();
    const cookie = await s.login();
    const bad = await s.ping(cookie, '{"idle": "soon"}');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /idle/);
    assert.equal((await s.ping(cookie, { idle: 1 }, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    assert.equal((await s.ping(cookie, { idle: 1 }, { Origin: 'https://evil.example' })).status, 403);
    const get = await fetch(`${s.base}/session/ping`, { headers: { Cookie: cookie } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal(get.headers.get('cache-control'), 'no-store');
    assert.equal((await s.ping(cookie, { idle: 1, pad: 'x'.repeat(2000) })).status, 413);
    const missing = await s.ping(null, { idle: 1 });
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { expired: true, reason: 'missing' });
  });

  it('refuses a chunked body over 1 KiB with 413 without reading it all, and keeps serving', async () => {
    const s = await serve();
    const cookie = await s.login();
    const url = new URL(`${s.base}/session/ping`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(`{"idle": 1, "pad": "${'x'.repeat(4000)}`); // no Content-Length: chunked, and never finished
    });
    assert.equal(status, 413);
    assert.equal((await s.ping(cookie, { idle: 1 })).status, 200);
  });

  it('works behind express.json() mounted before it (req.body is read), 413 included', async () => {
    const s = await serve({}, (app) => app.use(express.json()));
    const cookie = await s.login();
    s.clock.advance(100);
    const res = await s.ping(cookie, { idle: 40 });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { remaining: number }).remaining, 860, 'active 60 s in: 60 + 900 − 100');
    assert.equal((await s.ping(cookie, { idle: 1, pad: 'x'.repeat(2000) })).status, 413);
    assert.equal((await s.ping(cookie, { nothing: 1 })).status, 400);
  });

  it('mounted after a middleware over its path, is counted at most once (then its path is known) and says so', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const clock = testClock();
      const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET, now: clock.now });
      const app = express();
      app.post('/login', async (req, res) => void res.json({ id: await timeout.start(req, res) }));
      app.use(timeout.middleware);
      app.post('/session/ping', timeout.ping);
      const server = app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const login = await fetch(`${base}/login`, { method: 'POST' });
        const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
        const ping = (idle: number) =>
          fetch(`${base}/session/ping`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ idle }) });
        clock.advance(100);
        assert.equal((await ping(100)).status, 200);
        assert.match(String(errors[0]?.[0]), /before app\.use\(timeout\.middleware\)/);
        clock.advance(600);
        const res = await ping(700);
        // Counted by the first ping at 100 s (its warning), not by this one: 900 − 600 left.
        assert.equal(((await res.json()) as { remaining: number }).remaining, 300);
      } finally {
        server.close();
        server.closeAllConnections();
      }
    } finally {
      console.error = original;
    }
  });
});

describe('start and end', () => {
  it('start sets a signed HttpOnly cookie and req.sessionTimeout; end clears it and the session', async () => {
    const s = await serve();
    const login = await fetch(`${s.base}/login`, { method: 'POST' });
    const setCookie = login.headers.getSetCookie()[0]!;
    assert.match(setCookie, /^session-timeout=[^;]+;/);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    const { id, state } = (await login.json()) as { id: string; state: { id: string; remaining: number } };
    assert.equal(state.id, id);
    assert.equal(state.remaining, 900);
    const cookie = setCookie.split(';')[0]!;
    assert.equal((await s.get('/app/page', cookie)).status, 200);

    const logout = await fetch(`${s.base}/logout`, { method: 'POST', headers: { Cookie: cookie } });
    assert.equal(logout.status, 200);
    assert.match(logout.headers.getSetCookie()[0] ?? '', /^session-timeout=;.*Max-Age=0/i);
    assert.deepEqual(((await logout.json()) as { state: unknown }).state, { id: null, expired: false, reason: 'missing', remaining: 0, absoluteRemaining: null });
    assert.equal((await s.get('/app/page', cookie)).status, 401, 'the old cookie no longer works');
  });

  it('end refuses a cross-site request 403, changing nothing', async () => {
    const s = await serve();
    const cookie = await s.login();
    const res = await fetch(`${s.base}/logout`, { method: 'POST', headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(res.status, 403);
    assert.deepEqual(res.headers.getSetCookie(), []);
    assert.equal((await s.get('/app/page', cookie)).status, 200);
  });

  it('gives every hook the Express request', async () => {
    const seen: string[] = [];
    const s = await serve({
      onStart: (req, info) => void seen.push(`start ${req.originalUrl} ${info.expireAfter}`),
      onExtend: (req) => void seen.push(`extend ${req.originalUrl}`),
      onEnd: (req, reason) => void seen.push(`end ${req.originalUrl} ${reason}`),
      redirect: (req, reason) => `/login?reason=${reason}&next=${encodeURIComponent(req.originalUrl)}`,
    });
    const cookie = await s.login();
    s.clock.advance(10);
    await s.ping(cookie, { idle: 0 });
    s.clock.advance(901);
    const nav = await s.get('/app/page?x=1', cookie, { 'Sec-Fetch-Mode': 'navigate' });
    assert.equal(nav.headers.get('location'), `/login?reason=idle&next=${encodeURIComponent('/app/page?x=1')}`);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen, ['start /login 900', 'extend /session/ping', 'end /app/page?x=1 idle']);
  });

  it('keys sessions on the app\'s own id with sessionId(req)', async () => {
    const s = await serve({ sessionId: (req) => req.get('x-app-session') });
    const res = await fetch(`${s.base}/login`, { method: 'POST', headers: { 'X-App-Session': 'abc' } });
    assert.equal(((await res.json()) as { id: string }).id, 'abc');
    assert.deepEqual(res.headers.getSetCookie(), [], 'no cookie of ours');
    assert.equal((await s.get('/app/page', null, { 'X-App-Session': 'abc' })).status, 200);
    assert.equal((await s.get('/app/page', null, { 'X-App-Session': 'unknown' })).status, 401);
  });
});

describe('a store outage', () => {
  it('answers 503 with Retry-After from the middleware, the ping and start, and tells onStoreError with req', async () => {
    const failed: string[] = [];
    const s = await serve({ store: new DownStore(), onStoreError: (_error, req) => void failed.push(req.originalUrl) });
    // A cookie signed for this secret, for a session the store cannot look up.
    const healthy = await serve();
    const cookie = await healthy.login();

    const res = await s.get('/app/page', cookie);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(((await res.json()) as { error: string }).error, /unavailable/);
    const nav = await s.get('/app/page', cookie, { 'Sec-Fetch-Mode': 'navigate' });
    assert.equal(nav.status, 503, 'a navigation is not sent to the login page: the session is not known to have ended');
    assert.equal((await s.ping(cookie, { idle: 1 })).status, 503);
    const login = await fetch(`${s.base}/login`, { method: 'POST' });
    assert.equal(login.status, 503, 'no unguarded session starts');
    assert.equal(login.headers.get('retry-after'), '5');
    assert.deepEqual(login.headers.getSetCookie(), []);
    assert.deepEqual(failed, ['/app/page', '/app/page', '/session/ping', '/login']);
  });

  it('throws a bad option at start-up, as the Hono handler does', () => {
    assert.throws(() => sessionTimeout({ expireAfter: 900 }), /secret is required/);
    assert.throws(() => sessionTimeout({ expireAfter: 900, secret: SECRET, passive: 'no-slash' }), /must start with "\/"/);
  });
});

describe('on Redis', () => {
  let redis: RedisServer;
  let client: ReturnType<typeof createClient>;
  before(async () => {
    redis = await RedisServer.start();
    client = createClient({ socket: { host: '127.0.0.1', port: redis.port, reconnectStrategy: () => 50 } });
    client.on('error', () => {});
    await client.connect();
  });
  after(async () => {
    await client?.destroy();
    await redis?.close();
  });

  it('starts, checks, pings, idles out and ends sessions kept in Redis', async () => {
    const s = await serve({ store: new RedisStore({ client, prefix: 'express-test:' }) });
    const cookie = await s.login();
    assert.equal((await s.get('/app/page', cookie)).status, 200);
    s.clock.advance(300);
    const ping = await s.ping(cookie, { idle: 300 });
    assert.deepEqual(await ping.json(), { remaining: 600, expireAfter: 900, warnAfter: 840, absoluteRemaining: null });
    s.clock.advance(601);
    const ended = await s.get('/app/page', cookie);
    assert.deepEqual([ended.status, await ended.json()], [401, { expired: true, reason: 'idle' }]);

    const second = await s.login();
    await fetch(`${s.base}/logout`, { method: 'POST', headers: { Cookie: second } });
    assert.equal((await s.get('/app/page', second)).status, 401);
  });
});

describe('the module', () => {
  it('imports nothing from express at run time (types only), so Hono users never load it', () => {
    const dir = new URL('../../../src/express/', import.meta.url);
    for (const file of readdirSync(dir)) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)];
      for (const [, typeOnly, from] of imports) {
        if (from === 'express' || from!.startsWith('express/')) assert.ok(typeOnly, `${file} imports ${from} only as types`);
      }
    }
    for (const file of readdirSync(new URL('../../../src/hono/', import.meta.url))) {
      if (!file.endsWith('.ts')) continue;
      assert.doesNotMatch(readFileSync(new URL(`../../../src/hono/${file}`, import.meta.url), 'utf8'), /from '(\.\.\/express|express)/, file);
    }
  });

  it('keeps MemoryStore as the default store and exports it', () => {
    assert.equal(typeof MemoryStore, 'function');
  });
});
