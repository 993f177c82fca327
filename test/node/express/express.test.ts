// session-timeout-element/express on a real Express 5 over HTTP: the conformance kit passes against
// it, and start/end/middleware behave as the Hono handler's (same core), in Express's shapes.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import express, { type ErrorRequestHandler } from 'express';
import { sessionTimeout } from '../../../src/express/index.js';
import { runConformance, type ConformanceReport } from '../../../src/conformance/run.js';
import type { SessionStore } from '../../../src/hono/store/contract.js';
import type { SessionTimeoutOptions } from '../../../src/hono/options.js';
import { RedisStore } from '../../../src/hono/redis.js';
import { connect } from '../redis/clients.js';
import { RedisServer } from '../redis/redis-server.js';

const SECRET = 'express-test-secret-at-least-32-characters-long';

function createApp(options: Partial<SessionTimeoutOptions> = {}) {
  const timeout = sessionTimeout({ expireAfter: 3, warnAfter: 2, secret: SECRET, redirect: '/login', ...options });
  const app = express();
  // The ping first: it must not pass through the middleware (it is never activity) nor a body parser.
  app.all('/session/ping', timeout.ping);
  app.post('/login', async (req, res) => {
    await timeout.start(req, res, { subject: 'ada' });
    res.redirect(303, '/app');
  });
  app.post('/logout', async (req, res) => {
    await timeout.end(req, res);
    res.redirect(303, '/login');
  });
  app.use('/app', timeout.middleware);
  app.get('/app', (req, res) => {
    res.type('text').send(`signed in, ${Math.round(req.sessionTimeout?.remaining ?? 0)} s left`);
  });
  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status((error as { status?: number }).status ?? 500).json({ error: String((error as Error).message) });
  };
  app.use(errors);
  return app;
}

function listen(app: express.Express): Promise<{ origin: string; server: Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });
}

const explain = (report: ConformanceReport): string =>
  report.results.map((r) => `${r.status} ${r.rule.id}${r.messages.length ? `: ${r.messages.join(' | ')}` : ''}`).join('\n');

describe('session-timeout-element/express on Express 5', () => {
  let origin: string;
  let server: Server;
  before(async () => ({ origin, server } = await listen(createApp())));
  after(() => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }));

  it('passes the conformance kit, with the MemoryStore and with a RedisStore on a real redis-server', async () => {
    const redis = await RedisServer.start();
    const connected = await connect('node-redis', redis.port);
    const { origin: redisOrigin, server: redisServer } = await listen(createApp({ store: new RedisStore({ client: connected.client, prefix: 'express-kit:' }) }));
    try {
      const kit = (base: string) => runConformance({ baseUrl: base, signIn: '/login', guarded: '/app', expireAfter: 3, warnAfter: 2 });
      for (const report of await Promise.all([kit(origin), kit(redisOrigin)])) {
        assert.ok(report.passed, explain(report));
        assert.deepEqual(report.results.filter((r) => r.status === 'skip').map((r) => r.rule.id), ['presence']);
      }
    } finally {
      redisServer.closeAllConnections();
      await new Promise<void>((done) => redisServer.close(() => done()));
      await connected.close();
      await redis.close();
    }
  });

  it('start sets the signed cookie, the middleware sets req.sessionTimeout, end signs out', async () => {
    const login = await fetch(`${origin}/login`, { method: 'POST', redirect: 'manual' });
    assert.equal(login.status, 303);
    const setCookie = login.headers.getSetCookie();
    assert.equal(setCookie.length, 1);
    assert.match(setCookie[0]!, /^session-timeout=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie[0]!.split(';')[0]!;

    const page = await fetch(`${origin}/app`, { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.equal(await page.text(), 'signed in, 3 s left');

    const logout = await fetch(`${origin}/logout`, { method: 'POST', headers: { cookie, origin }, redirect: 'manual' });
    assert.equal(logout.status, 303);
    assert.match(logout.headers.getSetCookie()[0]!, /^session-timeout=; Max-Age=0/);
    const after = await fetch(`${origin}/app`, { headers: { cookie, accept: 'application/json', 'sec-fetch-mode': 'cors' }, redirect: 'manual' });
    assert.equal(after.status, 401);
    assert.deepEqual(await after.json(), { expired: true, reason: 'missing' });
  });

  it('end refuses a cross-site sign-out with 403 through Express\'s error handling, changing nothing', async () => {
    const login = await fetch(`${origin}/login`, { method: 'POST', redirect: 'manual' });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const forged = await fetch(`${origin}/logout`, { method: 'POST', headers: { cookie, origin: 'https://attacker.example' }, redirect: 'manual' });
    assert.equal(forged.status, 403);
    const page = await fetch(`${origin}/app`, { headers: { cookie } });
    assert.equal(page.status, 200, 'still signed in');
  });

  it('answers the ping after a JSON body parser too (it hands on what the parser read)', async () => {
    const timeout = sessionTimeout({ expireAfter: 3, warnAfter: 2, secret: SECRET });
    const app = express();
    app.use(express.json());
    app.post('/login', async (req, res) => {
      await timeout.start(req, res);
      res.sendStatus(204);
    });
    app.all('/session/ping', timeout.ping);
    const { origin: parsedOrigin, server: parsedServer } = await listen(app);
    try {
      const login = await fetch(`${parsedOrigin}/login`, { method: 'POST' });
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const ping = (body: string) => fetch(`${parsedOrigin}/session/ping`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });
      const alive = await ping('{"idle":0}');
      assert.equal(alive.status, 200);
      const answer = (await alive.json()) as { remaining: number; expireAfter: number };
      assert.equal(answer.expireAfter, 3);
      assert.ok(answer.remaining > 2.5, `remaining ${answer.remaining}: {"idle": 0} extends`);
      const refused = await ping('{"idle":-1}');
      assert.equal(refused.status, 400, 'the parsed body is judged as the raw one would be');
      assert.match(((await refused.json()) as { error: string }).error, /"idle" must be a finite number/);
    } finally {
      parsedServer.closeAllConnections();
      await new Promise<void>((done) => parsedServer.close(() => done()));
    }
  });

  it('fails closed with 503 and Retry-After when the store is down, for the middleware, the ping and start', async () => {
    const down = new Error('store down');
    const broken: SessionStore = {
      create: () => Promise.reject(down), touch: () => Promise.reject(down),
      settleEndReport: () => Promise.reject(down), delete: () => Promise.reject(down),
    };
    const { origin: brokenOrigin, server: brokenServer } = await listen(createApp({ store: broken, onStoreError: () => {} }));
    try {
      const cookie = (await signedCookie())!;
      const page = await fetch(`${brokenOrigin}/app`, { headers: { cookie }, redirect: 'manual' });
      assert.equal(page.status, 503);
      assert.equal(page.headers.get('retry-after'), '5');
      const ping = await fetch(`${brokenOrigin}/session/ping`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"idle":0}' });
      assert.equal(ping.status, 503);
      assert.equal(ping.headers.get('retry-after'), '5');
      assert.equal(ping.headers.get('cache-control'), 'no-store');
      const login = await fetch(`${brokenOrigin}/login`, { method: 'POST', redirect: 'manual' });
      assert.equal(login.status, 503);
      assert.deepEqual(login.headers.getSetCookie(), [], 'no session cookie for a session that was never stored');
    } finally {
      brokenServer.closeAllConnections();
      await new Promise<void>((done) => brokenServer.close(() => done()));
    }
  });
});

/** A validly signed cookie from the working app (the broken one cannot start a session). */
async function signedCookie(): Promise<string | undefined> {
  const { origin, server } = await listen(createApp());
  try {
    const login = await fetch(`${origin}/login`, { method: 'POST', redirect: 'manual' });
    return login.headers.getSetCookie()[0]?.split(';')[0];
  } finally {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
