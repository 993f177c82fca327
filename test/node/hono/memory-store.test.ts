import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStore, MemoryStoreFullError } from '../../../src/hono/store/memory.js';
import type { TouchRequest } from '../../../src/hono/store/contract.js';
import { storeContract } from '../../../src/hono/store/testing.js';
import { createTestApp } from './helpers.js';

storeContract('MemoryStore', async () => ({ store: new MemoryStore() }), { describe, it });

const SECOND = 1000;
const t0 = Date.UTC(2025, 0, 1);
const settings = { expireAfter: 900 * SECOND, absoluteTimeout: null, tombstoneFor: 600 * SECOND };
const request = (now: number, activity: number | null = now): TouchRequest => ({ ...settings, now, activity, touchAfter: 0 });

describe('MemoryStore', () => {
  it('sweeps only the expired sessions, stopping at the first live one', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 100; i++) await store.create(`old-${i}`, t0, settings);
    for (let i = 0; i < 1000; i++) await store.create(`new-${i}`, t0 + 600 * SECOND, settings);
    assert.equal(store.size, 1100);
    // The 100 old ones have been idle 900 s; the 1000 new ones 300 s.
    assert.equal(store.sweep(t0 + 900 * SECOND), 100);
    assert.equal(store.size, 1000);
    assert.equal(store.sweep(t0 + 900 * SECOND), 0, 'a second sweep finds nothing to do');
  });

  it('keeps a recently touched session alive through a sweep, even if created first', async () => {
    const store = new MemoryStore();
    await store.create('touched', t0, settings);
    await store.create('idle', t0 + SECOND, settings);
    await store.touch('touched', request(t0 + 500 * SECOND));
    assert.equal(store.sweep(t0 + 901 * SECOND), 1);
    assert.equal((await store.touch('touched', request(t0 + 901 * SECOND, null))).status, 'alive');
    assert.deepEqual(await store.touch('idle', request(t0 + 901 * SECOND)), { status: 'ended', reason: 'idle', first: true });
  });

  /**
   * A one-hour absolute limit; `busy` is active every 5 minutes from t0 to 3300 s, `head` is created at
   * 3000 s and left idle, so in last-touch order `head` comes before `busy`.
   */
  async function busyBehindIdleHead() {
    const store = new MemoryStore();
    const absolute = { ...settings, absoluteTimeout: 3600 * SECOND };
    const touch = (id: string, at: number, activity: number | null = at) =>
      store.touch(id, { ...request(at, activity), absoluteTimeout: 3600 * SECOND });
    await store.create('busy', t0, absolute);
    for (let at = t0; at < t0 + 3000 * SECOND; at += 300 * SECOND) await touch('busy', at);
    await store.create('head', t0 + 3000 * SECOND, absolute);
    await touch('busy', t0 + 3300 * SECOND);
    return { store, touch };
  }

  it('ends a session past its absolute limit on its next touch, even before the sweep reaches it', async () => {
    const { store, touch } = await busyBehindIdleHead();
    // In last-touch order `head` (idle from 3000 s) comes first, then `busy`, past its absolute
    // limit at 3600 s: the sweep stops at `head`, but a touch already refuses `busy`.
    assert.equal(store.sweep(t0 + 3700 * SECOND), 0);
    assert.deepEqual(await touch('busy', t0 + 3700 * SECOND), { status: 'ended', reason: 'absolute', first: true });
  });

  it('sweeps a session past its absolute limit once the sweep reaches it, remembering it as absolute', async () => {
    const { store, touch } = await busyBehindIdleHead();
    assert.equal(store.sweep(t0 + 3900 * SECOND), 2, '`head` went idle, and behind it `busy` is past its limit');
    assert.equal(store.size, 0);
    assert.deepEqual(await touch('head', t0 + 4000 * SECOND, null), { status: 'ended', reason: 'idle', first: true });
    assert.deepEqual(await touch('busy', t0 + 4000 * SECOND, null), { status: 'ended', reason: 'absolute', first: true });
  });

  it('remembers reasons for swept sessions, so a late request still learns why', async () => {
    const store = new MemoryStore();
    await store.create('a', t0, settings);
    store.sweep(t0 + 901 * SECOND);
    assert.equal(store.size, 0);
    assert.deepEqual(await store.touch('a', request(t0 + 1000 * SECOND)), { status: 'ended', reason: 'idle', first: true });
    store.sweep(t0 + 1501 * SECOND);
    assert.deepEqual(await store.touch('a', request(t0 + 1502 * SECOND)), { status: 'missing' });
  });

  it('sweeps by itself during ordinary calls, without a timer', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 10; i++) await store.create(`s${i}`, t0, settings);
    await store.create('late', t0 + 800 * SECOND, settings);
    await store.touch('late', request(t0 + 1000 * SECOND));
    assert.equal(store.size, 1);
  });

  it('never evicts a live session: past maxSessions it refuses to create one (MemoryStoreFullError)', async () => {
    const store = new MemoryStore({ maxSessions: 3 });
    await store.create('a', t0, settings);
    await store.create('b', t0, settings);
    await store.create('c', t0, settings);
    // A flood of sign-ins must not push real users out.
    await assert.rejects(store.create('d', t0 + 2 * SECOND, settings), MemoryStoreFullError);
    assert.equal(store.size, 3);
    for (const id of ['a', 'b', 'c']) assert.equal((await store.touch(id, request(t0 + 3 * SECOND))).status, 'alive', id);
    assert.deepEqual(await store.touch('d', request(t0 + 3 * SECOND)), { status: 'missing' });
  });

  it('makes room by ending sessions that are already over, then creates', async () => {
    const store = new MemoryStore({ maxSessions: 2 });
    await store.create('a', t0, settings);
    await store.create('b', t0 + 100 * SECOND, settings);
    await store.create('c', t0 + 900 * SECOND, settings); // a's idle deadline has passed: it goes, not b
    assert.equal((await store.touch('b', request(t0 + 901 * SECOND))).status, 'alive');
    assert.deepEqual(await store.touch('a', request(t0 + 901 * SECOND)), { status: 'ended', reason: 'idle', first: true });
  });

  it('lets a session signing in again replace its own entry when full', async () => {
    const store = new MemoryStore({ maxSessions: 1 });
    await store.create('a', t0, settings);
    await store.create('a', t0 + SECOND, settings);
    assert.equal(store.size, 1);
  });

  it('reports a session the sweep ended as first to the next touch, and only to it', async () => {
    const store = new MemoryStore();
    await store.create('a', t0, settings);
    assert.equal(store.sweep(t0 + 900 * SECOND), 1);
    assert.deepEqual(await store.touch('a', request(t0 + 901 * SECOND)), { status: 'ended', reason: 'idle', first: true });
    assert.deepEqual(await store.touch('a', request(t0 + 902 * SECOND)), { status: 'ended', reason: 'idle', first: false });
  });

  it('bounds its tombstones too', async () => {
    const store = new MemoryStore({ maxSessions: 2 });
    for (const id of ['a', 'b', 'c']) {
      await store.create(id, t0, settings);
      await store.touch(id, request(t0 + 900 * SECOND, null));
    }
    assert.deepEqual(await store.touch('a', request(t0 + 901 * SECOND)), { status: 'missing' });
    assert.deepEqual(await store.touch('c', request(t0 + 901 * SECOND)), { status: 'ended', reason: 'idle', first: false });
  });

  it('answers a live touch with exactly the fields that apply: moved, subject, policy', async () => {
    const store = new MemoryStore();
    const policy = { expireAfter: 300 * SECOND, warnAfter: 240 * SECOND, absoluteTimeout: null };
    await store.create('plain', t0, settings);
    await store.create('subject', t0, { ...settings, subject: 'k3yed' });
    await store.create('policy', t0, { ...settings, policy });
    await store.create('both', t0, { ...settings, subject: 'k3yed', policy });
    const at = t0 + SECOND;
    assert.deepStrictEqual(store.touch('plain', request(at, null)), { status: 'alive', lastActivity: t0, createdAt: t0 });
    assert.deepStrictEqual(store.touch('plain', request(at)), { status: 'alive', lastActivity: at, createdAt: t0, moved: true });
    assert.deepStrictEqual(store.touch('subject', request(at, null)), { status: 'alive', lastActivity: t0, createdAt: t0, subject: 'k3yed' });
    assert.deepStrictEqual(store.touch('subject', request(at)), { status: 'alive', lastActivity: at, createdAt: t0, subject: 'k3yed', moved: true });
    assert.deepStrictEqual(store.touch('policy', request(at)), { status: 'alive', lastActivity: at, createdAt: t0, policy, moved: true });
    assert.deepStrictEqual(store.touch('both', request(at, null)), { status: 'alive', lastActivity: t0, createdAt: t0, subject: 'k3yed', policy });
    assert.deepStrictEqual(store.touch('both', request(at)), { status: 'alive', lastActivity: at, createdAt: t0, subject: 'k3yed', policy, moved: true });
  });

  it('refuses a maxSessions that is not a positive whole number', () => {
    assert.throws(() => new MemoryStore({ maxSessions: 0 }), /maxSessions/);
    assert.throws(() => new MemoryStore({ maxSessions: 1.5 }), /maxSessions/);
  });

  it('a server clock stepped back 300 s: the ping never reports more than the limit left, and idle ends on time (issue 21)', async () => {
    const t = createTestApp({ expireAfter: 120, warnAfter: 60 });
    const cookie = await t.login();
    t.clock.advance(100);
    assert.equal((await t.ping(cookie)).status, 200, 'active at 100 s');
    t.clock.advance(-300); // the step
    t.clock.advance(100);
    // The element's pings report the user idle since the last activity, 100 s before the step was seen.
    let idle = 100;
    const passive = async () => t.ping(cookie, { idle });
    const body = (await (await passive()).json()) as { remaining: number };
    assert.ok(body.remaining <= 120, `remaining ${body.remaining} s of a 120 s limit`);
    // Idle all along: it ends 120 s after the step was seen (was: 320 s later, 420 s of real time idle).
    t.clock.advance(119);
    idle += 119;
    assert.equal((await passive()).status, 200);
    t.clock.advance(1);
    idle += 1;
    assert.equal((await passive()).status, 401);
  });
});
