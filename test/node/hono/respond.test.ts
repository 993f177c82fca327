import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redirectTargets } from '../../../src/hono/respond.js';
import { createTestApp } from './helpers.js';

describe('redirectTargets', () => {
  it('appends reason to a bare path', () => {
    assert.deepEqual(redirectTargets('/login'), { idle: '/login?reason=idle', absolute: '/login?reason=absolute', missing: '/login' });
  });

  it('keeps an existing query and fragment', () => {
    assert.equal(redirectTargets('/login?next=%2Fa%3Fb#form').idle, '/login?next=%2Fa%3Fb&reason=idle#form');
  });

  it('replaces a reason already there, and drops it when there is none to give', () => {
    const targets = redirectTargets('/login?reason=idle&x=1');
    assert.equal(targets.absolute, '/login?reason=absolute&x=1');
    assert.equal(targets.missing, '/login?x=1');
  });

  it('keeps absolute URLs absolute', () => {
    assert.equal(redirectTargets('https://sso.example/login').idle, 'https://sso.example/login?reason=idle');
  });
});

describe('redirect as a function (c, reason) => url (issue 14)', () => {
  const navigation = { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'same-origin', Accept: 'text/html' };

  it('sends each ended navigation and htmx request where the function says, as is; JSON requests get 401', async () => {
    const calls: string[] = [];
    const t = createTestApp({
      redirect: (c, reason) => {
        calls.push(reason);
        return `/login/${reason}?next=${encodeURIComponent(c.req.path)}`;
      },
    });
    const cookie = await t.login();
    t.clock.advance(900);
    const res = await t.get('/app/report', cookie, navigation);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('Location'), '/login/idle?next=%2Fapp%2Freport');
    const htmx = await t.get('/app/x', null, { 'HX-Request': 'true' });
    assert.equal(htmx.headers.get('HX-Redirect'), '/login/missing?next=%2Fapp%2Fx');
    assert.equal((await t.get('/app/x', null, { Accept: 'application/json' })).status, 401);
    assert.deepEqual(calls, ['idle', 'missing'], 'not asked for a JSON request');
  });

  it('answers 401 JSON (still ended, never 500) and reports to onStoreError when it throws or answers no usable URL', async () => {
    for (const redirect of [
      () => {
        throw new Error('tenant lookup failed');
      },
      () => '/login\r\nSet-Cookie: evil=1',
      () => '',
    ]) {
      const errors: unknown[] = [];
      const t = createTestApp({ redirect, onStoreError: (error) => void errors.push(error) });
      const res = await t.get('/app/x', null, navigation);
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { expired: true, reason: 'missing' });
      assert.equal(errors.length, 1);
    }
  });

  it('is refused at start-up when neither a string nor a function', () => {
    assert.throws(() => createTestApp({ redirect: 42 as unknown as string }), /redirect must be a non-empty URL string, or a function/);
  });
});
