// Refusals the app can reshape (issue 14): the middleware throws an HTTPException carrying its answer,
// so Hono sends that answer as is by default and app.onError sees it first when there is one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { SessionEndedError, SessionUnavailableError } from '../../../src/hono/refusal.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { createTestApp, FlakyStore, SECRET } from './helpers.js';

const navigation = { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'same-origin', Accept: 'text/html' };

describe('refusals as HTTPException', () => {
  it('without app.onError, answers exactly as before: 303 to redirect, the session cookie cleared', async () => {
    const t = createTestApp({ redirect: '/login' });
    const cookie = await t.login();
    t.clock.advance(900);
    const res = await t.get('/app/x', cookie, navigation);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('Location'), '/login?reason=idle');
    assert.equal(res.headers.get('Cache-Control'), 'no-store');
    assert.ok(res.headers.getSetCookie().every((c) => /Max-Age=0/.test(c)) && res.headers.getSetCookie().length > 0, 'cookie cleared');
  });

  it('lets app.onError see an ended session, with its reason, and reshape the answer (the cookie still cleared)', async () => {
    const t = createTestApp();
    const seen: string[] = [];
    t.app.onError((err, c) => {
      if (err instanceof SessionEndedError) {
        seen.push(err.reason);
        if (err.reason !== 'missing') return c.html(`<h1>Signed out (${err.reason})</h1>`, 401);
      }
      if (err instanceof HTTPException) return err.getResponse();
      return c.text('Internal Server Error', 500);
    });
    const cookie = await t.login();
    t.clock.advance(900);
    const res = await t.get('/app/x', cookie, navigation);
    assert.equal(res.status, 401);
    assert.equal(await res.text(), '<h1>Signed out (idle)</h1>');
    assert.match(res.headers.getSetCookie()[0] ?? '', /Max-Age=0/, 'our cookie cleared on the reshaped answer too');

    const anonymous = await t.get('/app/x', null, { Accept: 'application/json' });
    assert.deepEqual([anonymous.status, await anonymous.json()], [401, { expired: true, reason: 'missing' }], 'getResponse() is our answer');
    assert.deepEqual(seen, ['idle', 'missing']);
  });

  it('lets app.onError see a store failure as SessionUnavailableError (503, Retry-After) with its cause', async () => {
    const store = new FlakyStore();
    const t = createTestApp({ store, onStoreError: () => {} });
    let cause: unknown;
    t.app.onError((err) => {
      cause = err instanceof SessionUnavailableError ? err.cause : err;
      return (err as HTTPException).getResponse();
    });
    const cookie = await t.login();
    store.failing = true;
    const res = await t.get('/app/x', cookie);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('Retry-After'), '5');
    assert.match(String(cause), /ECONNREFUSED/);
  });

  it('never reaches the route, and a middleware mounted around it still sees the answer', async () => {
    const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET });
    const app = new Hono();
    let routeRan = false;
    app.use('*', async (c, next) => {
      await next();
      c.header('X-Request-Id', 'r1');
    });
    app.use('/app/*', timeout.middleware);
    app.get('/app/secret', () => {
      routeRan = true;
      return new Response('secret');
    });
    const res = await app.request('http://localhost/app/secret', { headers: { Accept: 'application/json' } });
    assert.equal(res.status, 401);
    assert.equal(routeRan, false);
    assert.equal(res.headers.get('X-Request-Id'), 'r1');
  });
});
