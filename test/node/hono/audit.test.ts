// Audit hooks (issue 14): onStart, onExtend and onEnd name the session by a keyed hash, never its id,
// and never slow or break the request they ride on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { HookError, sessionHash, type AuditEndReason, type SessionAuditInfo, type SessionExtendInfo, type SessionStartInfo } from '../../../src/hono/audit.js';
import type { SessionTimeoutOptions } from '../../../src/hono/options.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { SECRET, cookieFrom, createTestApp } from './helpers.js';

type Event = { hook: string; c: unknown; info: SessionAuditInfo & Partial<SessionStartInfo & SessionExtendInfo>; reason?: AuditEndReason };

/** A test app whose hooks record what they are told; `settled()` waits (a few ms) for detached hooks. */
function audited(options: Partial<SessionTimeoutOptions> = {}) {
  const events: Event[] = [];
  const errors: unknown[] = [];
  const t = createTestApp({
    onStart: (c, info) => void events.push({ hook: 'start', c, info }),
    onExtend: (c, info) => void events.push({ hook: 'extend', c, info }),
    onEnd: (c, reason, info) => void events.push({ hook: 'end', c, reason, info: info! }),
    onStoreError: (error) => void errors.push(error),
    absoluteTimeout: 3600,
    ...options,
  });
  const settled = async (count: number) => {
    for (let i = 0; i < 200 && events.length + errors.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  const idOf = (cookie: string) => decodeURIComponent(cookie.split('=')[1]!).split('.')[0]!;
  return { ...t, events, errors, settled, idOf };
}

describe('audit hooks', () => {
  it('onStart names the session by its keyed hash, with the subject’s hash and the session’s limits', async () => {
    const t = audited();
    t.app.post('/login-as', async (c) => c.json({ id: await t.timeout.start(c, { subject: 'ada', expireAfter: 300 }) }));
    const { id } = await (await t.app.request('http://localhost/login-as', { method: 'POST' })).json();
    await t.settled(1);
    const [start] = t.events;
    assert.equal(start!.hook, 'start');
    assert.deepEqual(start!.info, {
      session: await sessionHash(SECRET, id), subject: start!.info.subject, at: t.clock.now(),
      expireAfter: 300, warnAfter: 240, absoluteTimeout: 3600,
    });
    assert.match(start!.info.session, /^[\w-]{22}$/);
    assert.ok(!JSON.stringify(start).includes(id), 'the raw id appears nowhere');
    assert.match(start!.info.subject!, /^[\w-]{22}$/);
    assert.notEqual(start!.info.subject, 'ada');
  });

  it('onExtend runs for a ping that records new activity, not for one reporting an idle user', async () => {
    const t = audited();
    const cookie = await t.login();
    await t.settled(1);
    t.clock.advance(100);
    await t.ping(cookie, { idle: 10 });
    await t.settled(2);
    assert.deepEqual(t.events.map((e) => e.hook), ['start', 'extend']);
    const extend = t.events[1]!;
    assert.equal(extend.info.session, t.events[0]!.info.session, 'the same hash as at the start');
    assert.deepEqual([extend.info.lastActivity, extend.info.remaining, extend.info.at], [t.clock.now() - 10_000, 890, t.clock.now()]);
    t.clock.advance(100);
    await t.ping(cookie, { idle: 110 }); // idle since before the last activity on record
    await t.settled(3);
    assert.equal(t.events.length, 2, 'no activity, no extension');
  });

  it('onEnd carries the same hash for an idle end and for a sign-out', async () => {
    const t = audited();
    const idle = await t.login();
    t.clock.advance(900);
    assert.equal((await t.get('/app/x', idle)).status, 401);
    const out = await t.login();
    await t.app.request('http://localhost/logout', { method: 'POST', headers: { Cookie: out } });
    await t.settled(4);
    const ends = t.events.filter((e) => e.hook === 'end');
    assert.deepEqual(ends.map((e) => e.reason), ['idle', 'logout']);
    assert.equal(ends[0]!.info.session, await sessionHash(SECRET, t.idOf(idle)));
    assert.equal(ends[1]!.info.session, await sessionHash(SECRET, t.idOf(out)));
  });

  it('onEnd for an idle end carries the subject’s hash the session started with', async () => {
    const t = audited();
    t.app.post('/login-as', async (c) => c.json({ id: await t.timeout.start(c, { subject: 'ada' }) }));
    const cookie = cookieFrom(await t.app.request('http://localhost/login-as', { method: 'POST' }));
    t.clock.advance(900);
    assert.equal((await t.get('/app/x', cookie)).status, 401);
    await t.settled(2);
    const [start, end] = [t.events.find((e) => e.hook === 'start')!, t.events.find((e) => e.hook === 'end')!];
    assert.deepEqual([end.reason, end.info.session], ['idle', start.info.session]);
    assert.equal(end.info.subject, start.info.subject);
    assert.match(end.info.subject!, /^[\w-]{22}$/);
  });

  it('never waits for a hook, and a throwing or rejecting one reaches onStoreError, not the request', async () => {
    const never = new Promise<void>(() => {});
    const t = audited({
      onStart: () => never, // a hung audit sink must not hang the sign-in
      onExtend: () => {
        throw new Error('SIEM down');
      },
      onEnd: async (_c, reason) => {
        if (reason === 'logout') throw new Error('log shipper down');
      },
    });
    const cookie = await t.login();
    t.clock.advance(10);
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 200);
    assert.equal((await t.app.request('http://localhost/logout', { method: 'POST', headers: { Cookie: cookie } })).status, 204);
    await t.settled(2);
    assert.deepEqual(
      t.errors.map((e) => [e instanceof HookError && e.hook, ((e as Error).cause as Error).message]),
      [['onExtend', 'SIEM down'], ['onEnd', 'log shipper down']],
    );
  });

  it('begin(id) runs onStart without a context', async () => {
    const events: Event[] = [];
    const timeout = sessionTimeout({
      expireAfter: 900, secret: SECRET, sessionId: () => undefined,
      onStart: (c, info) => void events.push({ hook: 'start', c, info }),
    });
    await timeout.begin('app-session-1', { subject: 'ada' });
    for (let i = 0; i < 200 && events.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.equal(events[0]!.c, null);
    assert.equal(events[0]!.info.session, await sessionHash(SECRET, 'app-session-1'));
  });

  it('needs a secret to key the hashes: refused at start-up without one', () => {
    assert.throws(() => sessionTimeout({ expireAfter: 900, sessionId: () => undefined, onStart: () => {} }), /onStart needs the secret option/);
    assert.throws(() => sessionTimeout({ expireAfter: 900, sessionId: () => undefined, onExtend: () => {} }), /onExtend needs the secret option/);
  });

  it('logs JSON lines as the README shows', async () => {
    const lines: string[] = [];
    const log = (event: string) => (_c: unknown, info: object) => void lines.push(JSON.stringify({ event, ...info }));
    const timeout = sessionTimeout({
      expireAfter: 900, secret: SECRET,
      onStart: log('session.start'),
      onExtend: log('session.extend'),
      onEnd: (_c, reason, info) => void lines.push(JSON.stringify({ event: 'session.end', reason, ...info })),
    });
    const app = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c, { subject: 'ada' })));
    await app.request('http://localhost/login', { method: 'POST' });
    for (let i = 0; i < 200 && lines.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.deepEqual(Object.keys(JSON.parse(lines[0]!)), ['event', 'session', 'subject', 'at', 'expireAfter', 'warnAfter', 'absoluteTimeout']);
  });
});
