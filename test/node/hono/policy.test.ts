// Per-session policy (issue 14): start(c, { expireAfter, warnAfter, absoluteTimeout }) and begin(id, { … })
// give one session its own limits; the middleware ends it by them and the ping reports them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { resolvePolicy } from '../../../src/hono/policy.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import type { StartOptions } from '../../../src/hono/session-timeout.js';
import { CountingStore, ORIGIN, SECRET, cookieFrom, testClock } from './helpers.js';

const ROLES: Record<string, StartOptions> = {
  user: {},
  admin: { expireAfter: 300 },
  kiosk: { expireAfter: 120, warnAfter: 90, absoluteTimeout: 600 },
};

/** A handler with 15 minutes idle and 8 hours absolute; `/login?role=` starts the role's session. */
function setup() {
  const clock = testClock();
  const store = new CountingStore();
  const timeout = sessionTimeout({ expireAfter: 900, absoluteTimeout: 8 * 3600, secret: SECRET, now: clock.now, store });
  const app = new Hono();
  app.post('/session/ping', timeout.ping);
  app.use('/app/*', timeout.middleware);
  app.get('/app/x', (c) => c.json(c.var.sessionTimeout));
  app.post('/login', async (c) => {
    await timeout.start(c, ROLES[c.req.query('role')!]);
    return c.json(c.var.sessionTimeout);
  });
  const login = async (role: string) => cookieFrom(await app.request(`${ORIGIN}/login?role=${role}`, { method: 'POST' }));
  const get = (cookie: string) => app.request(`${ORIGIN}/app/x`, { headers: { Cookie: cookie, Accept: 'application/json' } });
  const ping = async (cookie: string, idle: number) =>
    app.request(`${ORIGIN}/session/ping`, {
      method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ idle }),
    });
  return { clock, store, timeout, app, login, get, ping };
}

describe('per-session policy through the handler', () => {
  it('ends an administrator’s session after its own 5 minutes while a user’s lives on', async () => {
    const t = setup();
    const [user, admin] = [await t.login('user'), await t.login('admin')];
    t.clock.advance(299);
    assert.equal((await t.ping(admin, 299)).status, 200, 'idle 299 s: still alive');
    t.clock.advance(1);
    const ended = await t.get(admin);
    assert.equal(ended.status, 401);
    assert.deepEqual(await ended.json(), { expired: true, reason: 'idle' });
    assert.equal((await t.get(user)).status, 200, 'the handler’s 15 minutes still apply to the user');
  });

  it('answers the ping with the session’s own limits, and the user’s with the handler’s', async () => {
    const t = setup();
    const [user, admin, kiosk] = [await t.login('user'), await t.login('admin'), await t.login('kiosk')];
    t.clock.advance(30);
    assert.deepEqual(await (await t.ping(admin, 30)).json(), { remaining: 270, expireAfter: 300, warnAfter: 240, absoluteRemaining: 8 * 3600 - 30 });
    assert.deepEqual(await (await t.ping(kiosk, 10)).json(), { remaining: 110, expireAfter: 120, warnAfter: 90, absoluteRemaining: 570 });
    assert.deepEqual(await (await t.ping(user, 30)).json(), { remaining: 870, expireAfter: 900, warnAfter: 840, absoluteRemaining: 8 * 3600 - 30 });
  });

  it('ends a kiosk session at its own absolute limit however active', async () => {
    const t = setup();
    const kiosk = await t.login('kiosk');
    for (let at = 60; at < 600; at += 60) {
      t.clock.advance(60);
      assert.equal((await t.get(kiosk)).status, 200, `active at ${at} s`);
    }
    t.clock.advance(60);
    assert.deepEqual(await (await t.get(kiosk)).json(), { expired: true, reason: 'absolute' });
  });

  it('sets the session’s own limits in c.var.sessionTimeout, from start on', async () => {
    const t = setup();
    const started = await t.app.request(`${ORIGIN}/login?role=kiosk`, { method: 'POST' });
    assert.deepEqual({ ...(await started.json()), id: 'x' }, {
      id: 'x', expired: false, reason: null, remaining: 120, absoluteRemaining: 600, expireAfter: 120, warnAfter: 90,
    });
    t.clock.advance(20);
    const body = await (await t.get(cookieFrom(started))).json();
    assert.deepEqual([body.remaining, body.expireAfter, body.warnAfter], [120, 120, 90]);
  });

  it('gives begin(id, { … }) the same per-session limits', async () => {
    const clock = testClock();
    const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET, now: clock.now, sessionId: (c) => c.req.header('X-App-Session') });
    const app = new Hono();
    app.use('/app/*', timeout.middleware);
    app.get('/app/x', (c) => c.json(c.var.sessionTimeout));
    await timeout.begin('admin-session', { expireAfter: 300, subject: 'root' });
    const get = () => app.request(`${ORIGIN}/app/x`, { headers: { 'X-App-Session': 'admin-session', Accept: 'application/json' } });
    assert.equal((await (await get()).json()).expireAfter, 300);
    clock.advance(300);
    assert.deepEqual(await (await get()).json(), { expired: true, reason: 'idle' });
  });

  it('refuses a bad per-session limit with a TypeError naming it, storing nothing and setting no cookie', async () => {
    const t = setup();
    const bad: [StartOptions, RegExp][] = [
      [{ expireAfter: 300, warnAfter: 300 }, /warnAfter \(300 s\) must be below expireAfter \(300 s\)/],
      [{ warnAfter: 900 }, /warnAfter \(900 s\) must be below expireAfter \(900 s\)/],
      [{ expireAfter: 0 }, /expireAfter must be a finite number of seconds above 0 \(got 0\)/],
      [{ expireAfter: -5 }, /expireAfter .*got -5/],
      [{ expireAfter: Number.NaN }, /expireAfter .*got NaN/],
      [{ absoluteTimeout: Number.POSITIVE_INFINITY }, /absoluteTimeout .*got Infinity/],
      [{ warnAfter: '60' as unknown as number }, /warnAfter .*got "60"/],
    ];
    for (const [options, message] of bad) {
      const app = new Hono();
      app.post('/login', async (c) => {
        await assert.rejects(t.timeout.start(c, options), (error: Error) => error instanceof TypeError && message.test(error.message));
        return c.body(null, 204);
      });
      const res = await app.request(`${ORIGIN}/login`, { method: 'POST' });
      assert.equal(res.status, 204);
      assert.equal(res.headers.getSetCookie().length, 0, 'no cookie');
    }
    assert.equal(t.store.creates, 0, 'nothing stored');

    const byId = sessionTimeout({ expireAfter: 900, store: t.store, sessionId: () => undefined });
    await assert.rejects(byId.begin('s1', { expireAfter: 60, warnAfter: 60 }), /begin\(id, \{ … \}\): warnAfter/);
    await assert.rejects(byId.begin('s1', { absoluteTimeout: -1 }), TypeError);
    assert.equal(t.store.creates, 0, 'nothing stored by begin either');
  });
});

describe('resolvePolicy', () => {
  const handler = { expireAfter: 900_000, absoluteTimeout: 28_800_000, touchAfter: 60_000, warnAfterSeconds: 840, closeAfter: null };

  it('is undefined when no limit is given: the session follows the handler’s', () => {
    assert.equal(resolvePolicy({}, handler, 'start'), undefined);
  });

  it('fills what is not given from the handler, and warnAfter from the session’s own expireAfter', () => {
    assert.deepEqual(resolvePolicy({ expireAfter: 300 }, handler, 'start'), { expireAfter: 300_000, warnAfter: 240_000, absoluteTimeout: 28_800_000 });
    assert.deepEqual(resolvePolicy({ warnAfter: 600 }, handler, 'start'), { expireAfter: 900_000, warnAfter: 600_000, absoluteTimeout: 28_800_000 });
    assert.deepEqual(resolvePolicy({ absoluteTimeout: null }, handler, 'start'), { expireAfter: 900_000, warnAfter: 840_000, absoluteTimeout: null });
  });

  it('refuses an expireAfter not above the handler’s touchAfter (the session would end while in use)', () => {
    assert.throws(() => resolvePolicy({ expireAfter: 60 }, handler, 'start'), /expireAfter \(60 s\) must be above the handler's touchAfter \(60 s\)/);
  });
});
