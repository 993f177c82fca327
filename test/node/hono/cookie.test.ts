import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono, type Context } from 'hono';
import { cookieValue, randomId, SessionCookie } from '../../../src/hono/cookie.js';
import { SECRET } from './helpers.js';

const OTHER_SECRET = 'a-different-secret-of-at-least-32-chars!!';

/** Runs `fn` inside a real Hono request and returns what it returned plus the answer's Set-Cookie. */
async function inRequest<T>(url: string, cookie: string | null, fn: (c: Context) => Promise<T> | T) {
  let result: T | undefined;
  const app = new Hono();
  app.all('*', async (c) => {
    result = await fn(c);
    return c.body(null, 204);
  });
  const res = await app.request(url, { headers: cookie ? { Cookie: cookie } : {} });
  return { result: result as T, setCookie: res.headers.getSetCookie() };
}

const sessionCookie = (secrets = [SECRET], secure: boolean | 'auto' = 'auto') =>
  new SessionCookie({ name: 'sid', secrets, sameSite: 'Lax', secure });

async function issue(cookie: SessionCookie, id = randomId(), url = 'http://localhost/') {
  const { setCookie } = await inRequest(url, null, (c) => cookie.set(c, id));
  return setCookie[0]!.split(';')[0]!;
}

describe('SessionCookie', () => {
  it('reads back the id it signed', async () => {
    const id = randomId();
    const pair = await issue(sessionCookie(), id);
    // A fresh instance has an empty cache: this exercises the HMAC check itself.
    const { result } = await inRequest('http://localhost/', pair, (c) => sessionCookie().read(c));
    assert.equal(result, id);
  });

  it('answers from its cache, synchronously, for a value it verified before', async () => {
    const cookie = sessionCookie();
    const pair = await issue(cookie);
    const { result } = await inRequest('http://localhost/', pair, (c) => typeof cookie.read(c));
    assert.equal(result, 'string');
  });

  it('refuses a value whose id or signature was changed', async () => {
    const pair = await issue(sessionCookie());
    const [name, value] = pair.split('=') as [string, string];
    const [id, sig] = value.split('.') as [string, string];
    const swapped = randomId();
    for (const forged of [`${swapped}.${sig}`, `${id}.${sig.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'))}`, `${id}.${sig}x`, `${id}.!!`, `${'a'.repeat(300)}.${sig}`]) {
      const { result } = await inRequest('http://localhost/', `${name}=${forged}`, (c) => sessionCookie().read(c));
      assert.equal(result, undefined, forged);
    }
  });

  it('answers from its cache only for the very value it verified, not for one sharing its signature', async () => {
    const cookie = sessionCookie();
    const pair = await issue(cookie);
    const [name, value] = pair.split('=') as [string, string];
    const [, sig] = value.split('.') as [string, string];
    const { result } = await inRequest('http://localhost/', `${name}=${randomId()}.${sig}`, (c) => cookie.read(c));
    assert.equal(await result, undefined);
  });

  it('answers from its cache only for the very value it verified, not for one sharing the end of its signature', async () => {
    // The cache finds its candidate by the signature's last 12 characters; the whole value must still match.
    const cookie = sessionCookie();
    const pair = await issue(cookie);
    const [name, value] = pair.split('=') as [string, string];
    const [id, sig] = value.split('.') as [string, string];
    const forged = [`${id}.${sig.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'))}`, `${randomId()}.${sig}`, `x${value}`, sig.slice(-8)];
    for (const candidate of forged) {
      const { result } = await inRequest('http://localhost/', `${name}=${candidate}`, (c) => cookie.read(c));
      assert.equal(await result, undefined, candidate);
    }
    const { result } = await inRequest('http://localhost/', pair, (c) => cookie.read(c));
    assert.equal(result, id, 'the verified value is still answered from the cache');
  });

  it('verifies with every secret of a rotation list, signing with the first', async () => {
    const old = await issue(sessionCookie([OTHER_SECRET]));
    const rotated = sessionCookie([SECRET, OTHER_SECRET]);
    const { result } = await inRequest('http://localhost/', old, (c) => rotated.read(c));
    assert.equal(typeof result, 'string');
    const fresh = await issue(rotated);
    const { result: withNewOnly } = await inRequest('http://localhost/', fresh, (c) => sessionCookie([SECRET]).read(c));
    assert.equal(typeof withNewOnly, 'string');
  });

  it('accepts the unprefixed name only where it would set it (plain-http localhost)', async () => {
    const pair = await issue(sessionCookie());
    assert.match(pair, /^sid=/);
    const onHttps = await inRequest('https://example.com/', pair, (c) => sessionCookie().read(c));
    assert.equal(onHttps.result, undefined);
    const forcedInsecure = await inRequest('https://example.com/', pair, (c) => sessionCookie([SECRET], false).read(c));
    assert.equal(typeof forcedInsecure.result, 'string');
  });
});

describe('cookieValue', () => {
  it('finds a cookie by exact name among others', () => {
    assert.equal(cookieValue('a=1; sid=abc; b=2', 'sid='), 'abc');
    assert.equal(cookieValue('sid=abc', 'sid='), 'abc');
    assert.equal(cookieValue('a=1;sid=abc', 'sid='), 'abc');
    assert.equal(cookieValue('sid="abc"', 'sid='), 'abc');
  });

  it('does not match a name that merely ends with it', () => {
    assert.equal(cookieValue('xsid=evil; __Host-sid=nope', 'sid='), undefined);
    assert.equal(cookieValue('xsid=evil; sid=good', 'sid='), 'good');
  });

  it('answers undefined when absent', () => {
    assert.equal(cookieValue('a=1; b=2', 'sid='), undefined);
  });
});

describe('randomId', () => {
  it('is 24 base64url characters (144 bits) and different every time', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomId));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, /^[\w-]{24}$/);
  });
});
