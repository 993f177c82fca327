import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { cookieHeader, forwardingHeaders, header, passiveHeader } from '../../../src/hono/header.js';

function app() {
  const hono = new Hono();
  hono.get('/', (c) => c.json({ cookie: header(c, 'cookie'), passive: header(c, 'x-session-passive'), via: header(c, 'via') }));
  return hono;
}

/** Every header the per-request path reads through its own function, and the same through `header`. */
function readers(c: Context) {
  return {
    own: { cookie: cookieHeader(c), passive: passiveHeader(c), ...forwardingHeaders(c) },
    generic: {
      cookie: header(c, 'cookie'),
      passive: header(c, 'x-session-passive'),
      proto: header(c, 'x-forwarded-proto'),
      host: header(c, 'x-forwarded-host'),
      forwarded: header(c, 'forwarded'),
    },
  };
}

const forwarding = [
  ['Cookie', 'a=1'],
  ['X-Session-Passive', '1'],
  ['X-Forwarded-Proto', 'https'],
  ['X-Forwarded-Proto', 'http'],
  ['X-Forwarded-Host', 'app.example.com'],
  ['Forwarded', 'proto=https;host=app.example.com'],
] as [string, string][];
const forwardingRead = { cookie: 'a=1', passive: '1', proto: 'https, http', host: 'app.example.com', forwarded: 'proto=https;host=app.example.com' };

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

  it('reads the per-request headers (cookie, passive, forwarding) as header() does, on the Fetch request', async () => {
    let read: ReturnType<typeof readers> | undefined;
    const hono = new Hono();
    hono.get('/', (c) => {
      read = readers(c);
      return c.body(null, 204);
    });
    await hono.request('/', { headers: forwarding });
    assert.deepEqual(read!.own, forwardingRead);
    assert.deepEqual(read!.generic, forwardingRead);
    await hono.request('/');
    assert.deepEqual(read!.own, { cookie: null, passive: null, proto: null, host: null, forwarded: null });
  });

  it('on @hono/node-server, reads the per-request headers from Node’s parsed headers, as header() does', async () => {
    let read: ReturnType<typeof readers> | undefined;
    let headersBuilt: unknown = 'not reached';
    const hono = new Hono();
    hono.get('/', (c) => {
      read = readers(c);
      headersBuilt = nodeServerField(c.req.raw, 'headersKey');
      return c.body(null, 204);
    });
    const server = serve({ fetch: hono.fetch, hostname: '127.0.0.1', port: 0 });
    try {
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, { headers: forwarding });
      assert.deepEqual(read!.own, forwardingRead);
      assert.deepEqual(read!.generic, forwardingRead);
      assert.equal(headersBuilt, undefined);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
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
