import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono, type Context } from 'hono';
import { isPassive, toPassiveTest } from '../../../src/hono/request/passive.js';

async function check(path: string, test: ((c: Context) => boolean) | null, headers: Record<string, string> = {}) {
  let passive: boolean | undefined;
  const app = new Hono();
  app.all('*', (c) => {
    passive = isPassive(c, test, (origin) => origin === 'https://front.example.com');
    return c.body(null, 204);
  });
  await app.request(`http://localhost${path}`, { headers });
  return passive;
}

describe('passive', () => {
  it('matches exact paths and only those', async () => {
    const test = toPassiveTest(['/status', '/health']);
    assert.equal(await check('/status', test), true);
    assert.equal(await check('/health', test), true);
    assert.equal(await check('/status/x', test), false);
    assert.equal(await check('/statuses', test), false);
  });

  it('matches prefixes ending in *', async () => {
    const test = toPassiveTest('/api/poll/*');
    assert.equal(await check('/api/poll/messages', test), true);
    assert.equal(await check('/api/other', test), false);
  });

  it('takes a predicate as is', async () => {
    const test = toPassiveTest((c) => c.req.path.startsWith('/feed'));
    assert.equal(await check('/feed/latest', test), true);
    assert.equal(await check('/x', test), false);
  });

  it('is always passive with X-Session-Passive: 1, and only with 1', async () => {
    assert.equal(await check('/x', null, { 'X-Session-Passive': '1' }), true);
    assert.equal(await check('/x', null, { 'X-Session-Passive': '0' }), false);
    assert.equal(await check('/x', null), false);
  });

  it('refuses a path not starting with /', () => {
    assert.throws(() => toPassiveTest(['status']), /must start with/);
  });
});
