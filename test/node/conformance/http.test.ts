/**
 * The kit's HTTP client (src/conformance/http.ts). A kept-alive socket can be closed by the server
 * (its keep-alive timeout: 5 s in Node) just as the client sends the next request on it: the request
 * fails with ECONNRESET although the server never read it. Under load this failed whole kit runs.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HttpClient } from '../../../src/conformance/http.js';

/** A server that drops every socket it already answered on, without a word, when a second request comes on it. */
async function oneRequestPerSocket(): Promise<{ server: Server; origin: string; requests: string[] }> {
  const served = new WeakSet<object>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (served.has(request.socket)) return void request.socket.destroy();
      served.add(request.socket);
      requests.push(`${request.method} ${body}`);
      response.setHeader('Connection', 'keep-alive');
      response.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('HttpClient', () => {
  it('sends a request again, on a fresh socket, when a kept-alive socket was closed under it', async () => {
    const { server, origin, requests } = await oneRequestPerSocket();
    const client = new HttpClient(new URL(origin));
    try {
      const first = await client.send({ path: '/', kind: 'bare' });
      const second = await client.send({ path: '/session/ping', kind: 'bare', method: 'POST', body: '{"idle":1}' });
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.deepEqual(requests, ['GET ', 'POST {"idle":1}'], 'each request reached the server once');
    } finally {
      client.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('sends it again as often as the kept-alive socket it went out on was closed: two stale sockets, then a fresh one', async () => {
    const { server, origin, requests } = await oneRequestPerSocket();
    const client = new HttpClient(new URL(origin));
    try {
      // Two requests at once: two sockets, both kept alive, both closed by the server at its next request.
      await Promise.all([client.send({ path: '/a', kind: 'bare' }), client.send({ path: '/b', kind: 'bare' })]);
      const third = await client.send({ path: '/session/ping', kind: 'bare', method: 'POST', body: '{"idle":2}' });
      assert.equal(third.status, 200, 'answered on a fresh socket, after the two stale ones');
      assert.deepEqual(requests.slice(2), ['POST {"idle":2}'], 'it reached the server once');
    } finally {
      client.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('still fails a request on a fresh socket that the server resets', async () => {
    const server = createServer((request) => request.socket.destroy());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = new HttpClient(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    try {
      await assert.rejects(client.send({ path: '/', kind: 'bare' }), /socket hang up|ECONNRESET/);
    } finally {
      client.close();
      server.close();
    }
  });
});
