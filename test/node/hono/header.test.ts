import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { header } from '../../../src/hono/header.js';

function app() {
  const hono = new Hono();
  hono.get('/', (c) => c.json({ cookie: header(c, 'cookie'), passive: header(c, 'x-session-passive'), via: header(c, 'via') }));
  return hono;
}

/** The symbol-keyed fields @hono/node-server keeps on its lightweight Request, by description. */
function nodeServerField(request: Request, description: string): unknown {
  const key = Object.getOwnPropertySymbols(request).find((symbol) => symbol.description === description);
  return key === undefined ? undefined : (request as unknown as Record<symbol, unknown>)[key];
}

describe('header', () => {
  it('reads the Fetch request anywhere', async () => {
    const res = await app().request('/', { headers: { Cookie: 'a=1', 'X-Session-Passive': '1' } });
    assert.deepEqual(await res.json(), { cookie: 'a=1', passive: '1', via: null });
  });

  it('never reads c.env.incoming for a request that was not built from it (app.fetch with a new Request)', async () => {
    // E.g. a route that forwards a rewritten request to another Hono app with the same env.
    const incoming = { headers: { cookie: 'stale=1', 'x-session-passive': '1' } };
    const res = await app().request('/', { headers: { Cookie: 'a=1' } }, { incoming });
    assert.deepEqual(await res.json(), { cookie: 'a=1', passive: null, via: null });
  });

  it('on @hono/node-server, reads Node’s parsed headers without building the Fetch Headers (joining repeats)', async () => {
    const hono = new Hono();
    let headersBuilt: unknown = 'not reached';
    hono.get('/', (c) => {
      const answer = { cookie: header(c, 'cookie'), via: header(c, 'via'), missing: header(c, 'x-none') };
      // The lightweight Request builds its Headers lazily; the fast path must not have asked for them.
      headersBuilt = nodeServerField(c.req.raw, 'headersKey');
      return c.json(answer);
    });
    const server = serve({ fetch: hono.fetch, hostname: '127.0.0.1', port: 0 });
    try {
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: [['Cookie', 'b=2'], ['Via', '1.1 a'], ['Via', '1.1 b']] });
      assert.deepEqual(await res.json(), { cookie: 'b=2', via: '1.1 a, 1.1 b', missing: null });
      assert.equal(headersBuilt, undefined);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('on @hono/node-server, reads the Headers once the app has built (and perhaps changed) them', async () => {
    const hono = new Hono();
    hono.get('/', (c) => {
      c.req.raw.headers.set('x-session-passive', '1');
      return c.json({ passive: header(c, 'x-session-passive') });
    });
    const server = serve({ fetch: hono.fetch, hostname: '127.0.0.1', port: 0 });
    try {
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      assert.deepEqual(await (await fetch(`http://127.0.0.1:${port}/`)).json(), { passive: '1' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
