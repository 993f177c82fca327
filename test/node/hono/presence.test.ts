// Presence (issue 23, contract §9): with `closeAfter`, a session no open page has shown for that long
// ends with reason `closed`; a closing beacon shortens presence to a grace period. Presence is not activity.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { createTestApp, SECRET } from './helpers.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { CLOSING_GRACE } from '../../../src/hono/store/contract.js';

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe('presence: closeAfter', () => {
  it('ends a session no page has shown for closeAfter with reason closed (401, onEnd)', async () => {
    const ends: string[] = [];
    const t = createTestApp({ closeAfter: 60, onEnd: (_c, reason) => void ends.push(reason) });
    const cookie = await t.login();
    t.clock.advance(59);
    assert.equal((await t.get('/app/x', cookie, { 'X-Session-Passive': '1' })).status, 200, 'present 59 s after the last request');
    t.clock.advance(60);
    const res = await t.ping(cookie, { idle: 119 });
    assert.equal(res.status, 401);
    assert.deepEqual(await json(res), { expired: true, reason: 'closed' });
    assert.deepEqual(ends, ['closed']);
  });

  it('keeps a session whose pages ping every closeAfter/3, the user idle', async () => {
    const t = createTestApp({ closeAfter: 60, expireAfter: 900 });
    const cookie = await t.login();
    for (let s = 20; s <= 600; s += 20) {
      t.clock.advance(20);
      const res = await t.ping(cookie, { idle: s });
      assert.equal(res.status, 200, `ping at ${s} s`);
    }
  });

  it('never extends the idle limit: presence pings with a large idle still end the session at expireAfter', async () => {
    const t = createTestApp({ closeAfter: 60, expireAfter: 300 });
    const cookie = await t.login();
    for (let s = 20; s < 300; s += 20) {
      t.clock.advance(20);
      const body = await json(await t.ping(cookie, { idle: s }));
      assert.equal(body.remaining, 300 - s, `remaining at ${s} s`);
    }
    t.clock.advance(20);
    const res = await t.ping(cookie, { idle: 300 });
    assert.deepEqual(await json(res), { expired: true, reason: 'idle' });
  });

  it('never extends the absolute limit', async () => {
    const t = createTestApp({ closeAfter: 60, expireAfter: 300, absoluteTimeout: 600 });
    const cookie = await t.login();
    for (let s = 30; s < 600; s += 30) {
      t.clock.advance(30);
      assert.equal((await t.ping(cookie, { idle: 0 })).status, 200);
    }
    t.clock.advance(30);
    assert.deepEqual(await json(await t.ping(cookie, { idle: 0 })), { expired: true, reason: 'absolute' });
  });

  it('answers closeAfter in the ping when presence is on, and not when it is off', async () => {
    const on = createTestApp({ closeAfter: 45 });
    assert.equal((await json(await on.ping(await on.login(), { idle: 0 }))).closeAfter, 45);
    const off = createTestApp();
    assert.equal('closeAfter' in (await json(await off.ping(await off.login(), { idle: 0 }))), false);
  });

  it('sends a navigation to redirect with reason=closed', async () => {
    const t = createTestApp({ closeAfter: 60, redirect: '/login' });
    const cookie = await t.login();
    t.clock.advance(61);
    const res = await t.get('/app/page', cookie, { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('Location'), '/login?reason=closed');
  });

  it('is off by default: a session with no page for hours lives to its idle limit', async () => {
    const t = createTestApp({ expireAfter: 900 });
    const cookie = await t.login();
    t.clock.advance(899);
    assert.equal((await t.ping(cookie, { idle: 899 })).status, 200);
  });
});

describe('presence: the closing beacon', () => {
  it('ends the session after the grace period when no other page answers', async () => {
    assert.ok(CLOSING_GRACE >= 2000 && CLOSING_GRACE <= 10_000, 'a grace of a few seconds');
    const t = createTestApp({ closeAfter: 60 });
    const cookie = await t.login();
    t.clock.advance(10);
    assert.equal((await t.ping(cookie, { idle: 10, closing: true })).status, 200);
    t.clock.advance(CLOSING_GRACE / 1000);
    assert.deepEqual(await json(await t.ping(cookie, { idle: 15 })), { expired: true, reason: 'closed' });
  });

  it('keeps the session when another ping or a request comes within the grace (a reload, another tab)', async () => {
    const t = createTestApp({ closeAfter: 60 });
    const cookie = await t.login();
    assert.equal((await t.ping(cookie, { idle: 0, closing: true })).status, 200);
    t.clock.advance(CLOSING_GRACE / 1000 - 1);
    assert.equal((await t.get('/app/next-page', cookie)).status, 200);
    t.clock.advance(50);
    assert.equal((await t.ping(cookie, { idle: 50 })).status, 200, 'the new page renewed the full closeAfter');
  });

  it('accepts the beacon as navigator.sendBeacon sends it: text/plain', async () => {
    const t = createTestApp({ closeAfter: 60 });
    const cookie = await t.login();
    const res = await t.ping(cookie, JSON.stringify({ idle: 3, closing: true }), { 'Content-Type': 'text/plain;charset=UTF-8' });
    assert.equal(res.status, 200);
    t.clock.advance(CLOSING_GRACE / 1000);
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 401);
  });

  it('takes a beacon through the middleware mounted over the ping as no activity (sendBeacon sends no X-Session-Passive)', async () => {
    let now = Date.UTC(2025, 0, 1);
    const timeout = sessionTimeout({ expireAfter: 900, closeAfter: 60, secret: SECRET, now: () => now });
    const app = new Hono();
    app.post('/login', async (c) => c.json({ id: await timeout.start(c) }));
    app.use('/session/*', timeout.middleware);
    app.post('/session/ping', timeout.ping);
    const cookie = (await app.request('http://localhost/login', { method: 'POST' })).headers.getSetCookie()[0]!.split(';')[0]!;
    now += 30_000;
    const beacon = await app.request('http://localhost/session/ping', {
      method: 'POST',
      headers: {
        Cookie: cookie, Origin: 'http://localhost', 'Content-Type': 'text/plain;charset=UTF-8',
        'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'empty',
      },
      body: JSON.stringify({ idle: 30, closing: true }),
    });
    assert.equal((await json(beacon)).remaining, 870, 'the beacon is not activity: 30 s of the 900 are gone');
  });

  it('refuses a closing beacon from another site (403) and changes nothing', async () => {
    const t = createTestApp({ closeAfter: 60 });
    const cookie = await t.login();
    const res = await t.ping(cookie, { idle: 0, closing: true }, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(res.status, 403);
    t.clock.advance(CLOSING_GRACE / 1000 + 1);
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 200);
  });

  it('refuses a closing that is not a boolean (400) and changes nothing', async () => {
    const t = createTestApp({ closeAfter: 60 });
    const cookie = await t.login();
    for (const closing of ['true', 1, null, {}]) {
      const res = await t.ping(cookie, { idle: 0, closing });
      assert.equal(res.status, 400, JSON.stringify(closing));
      assert.match(String((await json(res)).error), /closing/);
    }
    t.clock.advance(CLOSING_GRACE / 1000 + 1);
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 200);
  });
});

describe('presence: options', () => {
  const make = (options: Record<string, unknown>) => () => sessionTimeout({ expireAfter: 900, secret: SECRET, ...options } as never);

  it('refuses a closeAfter that is not a number of seconds above 0, or not below expireAfter', () => {
    for (const closeAfter of [0, -1, '60', NaN, Infinity, 900, 901]) {
      assert.throws(make({ closeAfter }), (e: unknown) => e instanceof TypeError && /closeAfter/.test(e.message), String(closeAfter));
    }
  });

  it('sets presence per session with start(c, { closeAfter }), checked like the option', async () => {
    const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET, now: () => t });
    let t = Date.UTC(2025, 0, 1);
    const app = new Hono();
    app.post('/login', async (c) => c.json({ id: await timeout.start(c, { closeAfter: 30 }) }));
    app.post('/bad', async (c) => c.json({ id: await timeout.start(c, { closeAfter: 900 }) }));
    app.post('/bad2', async (c) => c.json({ id: await timeout.start(c, { expireAfter: 120, closeAfter: 120 }) }));
    app.post('/session/ping', timeout.ping);
    app.onError((error, c) => c.text(`${error.name}: ${error.message}`, 500));
    const login = await app.request('http://localhost/login', { method: 'POST' });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const ping = () => app.request('http://localhost/session/ping', { method: 'POST', headers: { Cookie: cookie }, body: '{"idle":0}' });
    assert.equal((await json(await ping())).closeAfter, 30);
    t += 31_000;
    assert.deepEqual(await json(await ping()), { expired: true, reason: 'closed' });
    for (const path of ['/bad', '/bad2']) {
      const res = await app.request(`http://localhost${path}`, { method: 'POST' });
      assert.equal(res.status, 500, `${path}: a TypeError, not a started session`);
      assert.match(await res.text(), /^TypeError: .*closeAfter/);
    }
  });

  it('holds the handler’s closeAfter below a session’s own shorter expireAfter', async () => {
    const timeout = sessionTimeout({ expireAfter: 900, closeAfter: 300, secret: SECRET, sessionId: () => 'x' });
    await assert.rejects(timeout.begin('x', { expireAfter: 300 }), (e: unknown) => e instanceof TypeError && /closeAfter/.test(e.message));
    await timeout.begin('x', { expireAfter: 300, closeAfter: null });
  });
});
