import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono, type Context } from 'hono';
import { isNavigation, redirectTargets } from '../../../src/hono/respond.js';

async function navigation(headers: Record<string, string>) {
  let result: boolean | undefined;
  const app = new Hono();
  app.all('*', (c: Context) => {
    result = isNavigation(c);
    return c.body(null, 204);
  });
  await app.request('http://localhost/', { headers });
  return result;
}

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

describe('isNavigation', () => {
  it('follows Sec-Fetch-Mode when present', async () => {
    assert.equal(await navigation({ 'Sec-Fetch-Mode': 'navigate' }), true);
    assert.equal(await navigation({ 'Sec-Fetch-Mode': 'cors', Accept: 'text/html' }), false);
  });

  it('falls back to Accept: text/html without fetch metadata', async () => {
    assert.equal(await navigation({ Accept: 'text/html,*/*;q=0.8' }), true);
    assert.equal(await navigation({ Accept: 'application/json' }), false);
    assert.equal(await navigation({}), false);
  });

  it('does not fall back when other fetch metadata is present', async () => {
    assert.equal(await navigation({ 'Sec-Fetch-Site': 'same-origin', Accept: 'text/html' }), false);
  });
});
