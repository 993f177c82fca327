// The Fetch Request the adapter hands the Hono handler for an Express request (src/express/fetch-request.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Request as ExpressRequest } from 'express';
import { toFetchRequest } from '../../../src/express/fetch-request.js';

const expressRequest = (over: Partial<{ headers: Record<string, string | string[]>; originalUrl: string; method: string; encrypted: boolean }> = {}): ExpressRequest =>
  ({
    headers: { host: 'app.example:8080', cookie: 'a=1', ...over.headers },
    originalUrl: over.originalUrl ?? '/app/page?x=1',
    method: over.method ?? 'GET',
    socket: over.encrypted ? { encrypted: true } : {},
  }) as unknown as ExpressRequest;

describe('toFetchRequest', () => {
  it('carries the method, the full URL (mount path and query) and every header', () => {
    const request = toFetchRequest(expressRequest({ headers: { 'x-many': ['a', 'b'] } }));
    assert.ok(request instanceof Request);
    assert.equal(request.method, 'GET');
    assert.equal(request.url, 'http://app.example:8080/app/page?x=1');
    assert.equal(request.headers.get('cookie'), 'a=1');
    assert.equal(request.headers.get('x-many'), 'a, b');
    assert.equal(toFetchRequest(expressRequest({ encrypted: true })).url, 'https://app.example:8080/app/page?x=1', 'https only when the socket is TLS');
  });

  it('answers anything else a Request is asked (signal, clone, text) from a real one', async () => {
    const request = toFetchRequest(expressRequest());
    assert.ok(request.signal instanceof AbortSignal);
    assert.equal(request.bodyUsed, false);
    assert.equal(await request.text(), '');
    const copy = request.clone();
    assert.equal(copy.url, request.url);
    assert.equal(copy.headers.get('cookie'), 'a=1');
  });

  it('marks a request passive when told, and carries a body only when given one', async () => {
    assert.equal(toFetchRequest(expressRequest(), { passive: true }).headers.get('x-session-passive'), '1');
    const ping = toFetchRequest(expressRequest({ method: 'POST' }), { body: new TextEncoder().encode('{"idle":1}') });
    assert.equal(await ping.text(), '{"idle":1}');
  });

  it('has headers that read as Fetch Headers do, by name, by iteration and after a change', () => {
    const { headers } = toFetchRequest(expressRequest({ headers: { 'x-many': ['a', 'b'], accept: 'text/html' } }), { passive: true });
    assert.ok(headers instanceof Headers);
    assert.equal(headers.get('Accept'), 'text/html', 'names are case-insensitive');
    assert.equal(headers.get('x-many'), 'a, b');
    assert.equal(headers.get('absent'), null);
    assert.equal(headers.has('COOKIE'), true);
    assert.equal(headers.has('absent'), false);
    assert.equal(headers.get('x-session-passive'), '1');
    assert.deepEqual([...headers.keys()], ['accept', 'cookie', 'host', 'x-many', 'x-session-passive']);
    headers.set('accept', 'application/json');
    headers.delete('cookie');
    assert.equal(headers.get('accept'), 'application/json', 'a change is seen by get');
    assert.equal(headers.has('cookie'), false);
  });

  it('refuses a request without Host: there is no URL to check origins and cookies by', () => {
    assert.throws(() => toFetchRequest(expressRequest({ headers: { host: '' } })), TypeError);
  });
});
