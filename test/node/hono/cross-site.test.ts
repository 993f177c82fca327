import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { crossSiteRefusal, isCrossSite, isFromAnotherSite } from '../../../src/hono/request/cross-site.js';

const ownOrigin = (origin: string, c: { req: { url: string } }) => origin === new URL(c.req.url).origin;

async function judge(headers: Record<string, string>): Promise<boolean> {
  let crossSite: boolean | undefined;
  const app = new Hono();
  app.all('*', (c) => {
    crossSite = isCrossSite(c, ownOrigin);
    return c.body(null, 204);
  });
  await app.request('http://localhost/logout', { method: 'POST', headers });
  return crossSite!;
}

describe('isCrossSite', () => {
  it('accepts same-origin, user-initiated (none) and requests from outside a browser', async () => {
    assert.equal(await judge({ 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost' }), false);
    assert.equal(await judge({ 'Sec-Fetch-Site': 'none' }), false);
    assert.equal(await judge({}), false);
    assert.equal(await judge({ Origin: 'http://localhost' }), false);
  });

  it('refuses cross-site and same-site fetch metadata, and a foreign Origin', async () => {
    assert.equal(await judge({ 'Sec-Fetch-Site': 'cross-site' }), true);
    assert.equal(await judge({ 'Sec-Fetch-Site': 'same-site' }), true);
    assert.equal(await judge({ Origin: 'https://evil.example' }), true);
    assert.equal(await judge({ Origin: 'null' }), true);
  });
});

describe('crossSiteRefusal', () => {
  it('is an HTTPException Hono answers 403 JSON, no-store', async () => {
    const refusal = crossSiteRefusal();
    assert.ok(refusal instanceof HTTPException);
    const res = refusal.getResponse();
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('Cache-Control'), 'no-store');
    assert.match((await res.json()).error, /Cross-site/);
  });
});

describe('isFromAnotherSite (issue 21)', () => {
  const trusted = (origin: string, c: { req: { url: string } }) => origin === 'https://front.example.com' || ownOrigin(origin, c);
  async function fromAnotherSite(headers: Record<string, string>): Promise<boolean> {
    let answer: boolean | undefined;
    const app = new Hono();
    app.all('*', (c) => {
      answer = isFromAnotherSite(c, trusted);
      return c.body(null, 204);
    });
    await app.request('http://localhost/app', { headers });
    return answer!;
  }

  it('is true for another site’s subresources and script-driven navigations, sibling subdomains included', async () => {
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' }), true);
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'no-cors' }), true);
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' }), true);
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors', Origin: 'https://evil.example' }), true);
  });

  it('is false for our own pages, the user’s own navigations, trusted origins and requests without fetch metadata', async () => {
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'same-origin' }), false);
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'none', 'Sec-Fetch-Mode': 'navigate' }), false);
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-User': '?1' }), false);
    assert.equal(await fromAnotherSite({ 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'cors', Origin: 'https://front.example.com' }), false);
    assert.equal(await fromAnotherSite({}), false);
  });
});
