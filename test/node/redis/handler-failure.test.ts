/**
 * The Hono handler on RedisStore when Redis goes away: the middleware and the ping answer 503 with
 * Retry-After (never 401, never "alive"), login fails instead of starting an unguarded session, and
 * all of it works again once Redis is back, with no restart of the app.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { sessionTimeout } from '../../../src/hono/index.js';
import { RedisStore } from '../../../src/hono/store/redis.js';
import { CLIENT_KINDS, connect, type Connected } from './clients.js';
import { rawCommand, RedisServer } from './redis-server.js';

let redis: RedisServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
before(async () => {
  process.on('unhandledRejection', onUnhandled);
  redis = await RedisServer.start();
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await redis.close();
});

function appFor(conn: Connected, storeErrors: unknown[]) {
  const timeout = sessionTimeout({
    expireAfter: 900,
    secret: 'handler-failure-test-secret-0123456789abcdef',
    store: new RedisStore({ client: conn.client, timeout: 300 }),
    onStoreError: (error) => storeErrors.push(error),
  });
  const app = new Hono();
  app.post('/login', async (c) => c.text(await timeout.start(c)));
  app.post('/session/ping', timeout.ping);
  app.post('/logout', async (c) => {
    await timeout.end(c);
    return c.body(null, 204);
  });
  app.use('/app/*', timeout.middleware);
  app.get('/app/page', (c) => c.json(c.var.sessionTimeout));
  // The pattern the README shows: refusals (HTTPException) as they are; anything else quietly 500.
  app.onError((error, c) => (error instanceof HTTPException ? error.getResponse() : c.text('unavailable', 500)));
  return app;
}

const origin = 'http://localhost';
const page = (app: Hono, cookie: string) => app.request(`${origin}/app/page`, { headers: { cookie } });
const ping = (app: Hono, cookie: string, body = '{"idle": 0}') =>
  app.request(`${origin}/session/ping`, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body,
  });

for (const kind of CLIENT_KINDS) {
  test(`${kind}: a huge idle ({"idle": 1e306}) is an ordinary ping, not a 503 and a false outage report`, async () => {
    const conn = await connect(kind, redis.port);
    const storeErrors: unknown[] = [];
    const app = appFor(conn, storeErrors);
    try {
      const login = await app.request(`${origin}/login`, { method: 'POST' });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const res = await ping(app, cookie, '{"idle": 1e306}');
      assert.equal(res.status, 200, await res.clone().text());
      assert.ok((await res.json()).remaining > 899, 'an idle longer than the session credits no activity');
      assert.deepEqual(storeErrors, []);
    } finally {
      await conn.close();
    }
  });
}

for (const kind of CLIENT_KINDS) {
  test(`${kind}: Redis down → 503 + Retry-After everywhere, never 401; back up → served again`, async () => {
    const conn = await connect(kind, redis.port);
    const storeErrors: unknown[] = [];
    const app = appFor(conn, storeErrors);
    try {
      const login = await app.request(`${origin}/login`, { method: 'POST' });
      assert.equal(login.status, 200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      assert.equal((await page(app, cookie)).status, 200);

      await redis.stop();
      for (const res of [await page(app, cookie), await ping(app, cookie)]) {
        assert.equal(res.status, 503, await res.clone().text());
        assert.ok(Number(res.headers.get('retry-after')) > 0);
        assert.equal(res.headers.get('cache-control'), 'no-store');
      }
      // start() throws, so the login fails rather than setting a cookie for a session nobody stored.
      const failedLogin = await app.request(`${origin}/login`, { method: 'POST' });
      assert.equal(failedLogin.status, 503);
      assert.equal(failedLogin.headers.get('set-cookie'), null);
      assert.ok(storeErrors.length >= 2, 'the app was told about the store failures');

      await redis.start();
      // The restarted Redis kept nothing (no persistence here): a fresh login works once the client reconnects.
      const deadline = Date.now() + 5000;
      let relogin = await app.request(`${origin}/login`, { method: 'POST' });
      while (relogin.status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        relogin = await app.request(`${origin}/login`, { method: 'POST' });
      }
      assert.equal(relogin.status, 200);
      const fresh = relogin.headers.get('set-cookie')!.split(';')[0]!;
      assert.equal((await page(app, fresh)).status, 200);
      assert.equal((await ping(app, fresh)).status, 200);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(unhandled, []);
    } finally {
      await conn.close();
    }
  });
}

test('a signed-out cookie stays refused after Redis crashes and restarts from a snapshot older than the sign-out (issue 21)', async () => {
  const conn = await connect('ioredis', redis.port);
  const app = appFor(conn, []);
  try {
    const login = await app.request(`${origin}/login`, { method: 'POST' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    assert.equal((await page(app, cookie)).status, 200);
    assert.match(await rawCommand(redis.port, 'SAVE'), /^\+OK/); // Debian's default: `save` snapshots
    const logout = await app.request(`${origin}/logout`, { method: 'POST', headers: { cookie, origin } });
    assert.equal(logout.status, 204);
    assert.equal((await page(app, cookie)).status, 401, 'signed out');

    await redis.stop(); // kill -9
    await redis.start(); // from the snapshot, which still holds the session
    const deadline = Date.now() + 5000;
    let res = await page(app, cookie); // the copied cookie, replayed
    while (res.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      res = await page(app, cookie);
    }
    assert.equal(res.status, 401, 'a signed-out session never comes back');
  } finally {
    await conn.close();
  }
});
