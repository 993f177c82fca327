import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { header } from '../../../src/hono/header.js';

function app() {
  const hono = new Hono();
  hono.get('/', (c) => c.json({ cookie: header(c, 'cookie'), passive: header(c, 'x-session-passive'), via: header(c, 'via') }));
  return hono;
}

describe('header', () => {
  it('reads the Fetch request anywhere', async () => {
    const res = await app().request('/', { headers: { Cookie: 'a=1', 'X-Session-Passive': '1' } });
    assert.deepEqual(await res.json(), { cookie: 'a=1', passive: '1', via: null });
  });

  it('on @hono/node-server, reads Node’s parsed headers (and joins repeated ones)', async () => {
    const incoming = { headers: { cookie: 'b=2', via: ['1.1 a', '1.1 b'] } };
    const res = await app().request('/', { headers: { Cookie: 'ignored=1' } }, { incoming });
    assert.deepEqual(await res.json(), { cookie: 'b=2', passive: null, via: '1.1 a, 1.1 b' });
  });
});
