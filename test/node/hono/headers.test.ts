import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { header } from '../../../src/hono/request/headers.js';

function app() {
  const hono = new Hono();
  hono.get('/', (c) => c.json({ cookie: header(c, 'cookie'), via: header(c, 'via'), missing: header(c, 'x-none') }));
  return hono;
}

describe('header', () => {
  it('reads the Fetch request, null when absent', async () => {
    const res = await app().request('/', { headers: { Cookie: 'a=1', Via: '1.1 a' } });
    assert.deepEqual(await res.json(), { cookie: 'a=1', via: '1.1 a', missing: null });
  });

  it('on @hono/node-server, reads what the browser sent, repeats joined', async () => {
    const server = serve({ fetch: app().fetch, hostname: '127.0.0.1', port: 0 });
    try {
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: [['Cookie', 'b=2'], ['Via', '1.1 a'], ['Via', '1.1 b']] });
      assert.deepEqual(await res.json(), { cookie: 'b=2', via: '1.1 a, 1.1 b', missing: null });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reads the headers as the app left them (a middleware before ours may set one)', async () => {
    const hono = new Hono();
    hono.get('/', (c) => {
      c.req.raw.headers.set('x-session-passive', '1');
      return c.json({ passive: header(c, 'x-session-passive') });
    });
    assert.deepEqual(await (await hono.request('/')).json(), { passive: '1' });
  });
});
