import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono, type Context } from 'hono';
import { isNavigation } from '../../../src/hono/request/navigation.js';

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
