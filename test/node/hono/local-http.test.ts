import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { isLocalPlainHttp, reachedOverLocalPlainHttp } from '../../../src/hono/request/local-http.js';

/** What reachedOverLocalPlainHttp says for a request to `url` with `headers`. */
async function judge(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  let local: boolean | undefined;
  const app = new Hono();
  app.all('*', (c) => {
    local = reachedOverLocalPlainHttp(c);
    return c.body(null, 204);
  });
  await app.request(url, { headers });
  return local!;
}

describe('isLocalPlainHttp', () => {
  it('is true only for plain http on localhost, 127.0.0.1 and [::1]', () => {
    for (const url of ['http://localhost', 'http://localhost:3000/x', 'http://127.0.0.1/', 'http://[::1]:8080/', 'http://localhost?x']) {
      assert.equal(isLocalPlainHttp(url), true, url);
    }
    for (const url of ['https://localhost/', 'http://localhost.evil.com/', 'http://127.0.0.10/', 'http://example.com/localhost', 'http://[::1]x/']) {
      assert.equal(isLocalPlainHttp(url), false, url);
    }
  });
});

describe('reachedOverLocalPlainHttp', () => {
  it('is true for plain-http localhost when nothing says otherwise', async () => {
    assert.equal(await judge('http://localhost:3000/'), true);
    assert.equal(await judge('http://127.0.0.1:3000/', { 'X-Forwarded-Proto': 'http' }), true);
    assert.equal(await judge('http://127.0.0.1:3000/', { Forwarded: 'for=127.0.0.1;proto=http;host=localhost:5173' }), true);
    assert.equal(await judge('http://[::1]:3000/', { 'X-Forwarded-Host': 'localhost:5173' }), true);
  });

  it('is false behind a TLS-terminating proxy that forwards to http://localhost', async () => {
    for (const headers of [
      { 'X-Forwarded-Proto': 'https' },
      { 'X-Forwarded-Proto': 'HTTPS' },
      { 'X-Forwarded-Proto': 'https, http' },
      { Forwarded: 'for=192.0.2.60;proto=https;by=203.0.113.43' },
      { Forwarded: 'for=192.0.2.43, for="[2001:db8:cafe::17]";proto="https"' },
      { Forwarded: 'Proto=HTTPS' },
    ] as Record<string, string>[]) {
      assert.equal(await judge('http://localhost:3000/', headers), false, JSON.stringify(headers));
    }
  });

  it('is false when a proxy says the browser asked for another host', async () => {
    assert.equal(await judge('http://localhost:3000/', { 'X-Forwarded-Host': 'app.example.com' }), false);
    assert.equal(await judge('http://localhost:3000/', { Forwarded: 'host=app.example.com;proto=http' }), false);
  });

  it('is false when the browser’s own Origin or Referer (same-origin) names https or another host: nginx’s defaults (issue 21)', async () => {
    for (const headers of [
      { Origin: 'https://app.example.com' },
      { 'Sec-Fetch-Site': 'same-origin', Origin: 'https://app.example.com' },
      { 'Sec-Fetch-Site': 'same-origin', Referer: 'https://app.example.com/page' },
      { Referer: 'http://app.example.com/page' },
    ] as Record<string, string>[]) {
      assert.equal(await judge('http://localhost:3000/', headers), false, JSON.stringify(headers));
    }
  });

  it('is true for a local Origin or Referer, Origin: null, and another site’s page', async () => {
    for (const headers of [
      { Origin: 'http://localhost:3000', Referer: 'http://localhost:3000/a' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site', Referer: 'https://github.com/' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://other.localhost' },
    ] as Record<string, string>[]) {
      assert.equal(await judge('http://localhost:3000/', headers), true, JSON.stringify(headers));
    }
  });

  it('is false for an unreadable forwarding header (fail safe)', async () => {
    assert.equal(await judge('http://localhost:3000/', { 'X-Forwarded-Proto': '' }), false);
    assert.equal(await judge('http://localhost:3000/', { Forwarded: 'garbage' }), false);
  });

  it('is false whatever the headers say when the URL is not plain-http localhost', async () => {
    assert.equal(await judge('https://localhost/', { 'X-Forwarded-Proto': 'http' }), false);
    assert.equal(await judge('http://example.com/', { 'X-Forwarded-Proto': 'http' }), false);
  });
});
