import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono, type Context } from 'hono';
import { getSignedCookie } from 'hono/cookie';
import { cookieValue, randomId, SessionCookie } from '../../../src/hono/request/cookie.js';
import { SECRET } from './helpers.js';

const OTHER_SECRET = 'a-different-secret-of-at-least-32-chars!!';

/** `name=value` split at the first `=` (the value, URI-encoded base64, holds `%3D`, never `=`). */
const splitPair = (pair: string): [string, string] => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];

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

/** As {@link inRequest}, with any request headers. */
async function inRequestWith<T>(url: string, headers: Record<string, string>, fn: (c: Context) => Promise<T> | T) {
  let result: T | undefined;
  const app = new Hono();
  app.all('*', async (c) => {
    result = await fn(c);
    return c.body(null, 204);
  });
  await app.request(url, { headers });
  return { result: result as T };
}

const sessionCookie = (secrets = [SECRET], secure: boolean | 'auto' = 'auto', more: { servedOverHttps?: boolean; warn?: (m: string) => void } = {}) =>
  new SessionCookie({ name: 'sid', secrets, sameSite: 'Lax', secure, ...more });

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
    const first = await inRequest('http://localhost/', pair, async (c) => {
      const read = cookie.read(c);
      return [read instanceof Promise, await read];
    });
    assert.deepEqual(first.result[0], true, 'the first read checks the signature');
    const { result } = await inRequest('http://localhost/', pair, (c) => typeof cookie.read(c));
    assert.equal(result, 'string');
  });

  it('signs with hono/cookie: <id>.<base64 HMAC-SHA256>, which getSignedCookie reads back', async () => {
    const id = randomId();
    const pair = await issue(sessionCookie(), id);
    const { result } = await inRequest('http://localhost/', pair, (c) => getSignedCookie(c, SECRET, 'sid'));
    assert.equal(result, id);
  });

  it('refuses a value whose id or signature was changed', async () => {
    const pair = await issue(sessionCookie());
    const [name, value] = splitPair(pair);
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
    const [name, value] = splitPair(pair);
    const [, sig] = value.split('.') as [string, string];
    const { result } = await inRequest('http://localhost/', `${name}=${randomId()}.${sig}`, (c) => cookie.read(c));
    assert.equal(await result, undefined);
  });

  it('answers from its cache only for the very value it verified, not for one sharing the end of its signature', async () => {
    const cookie = sessionCookie();
    const pair = await issue(cookie);
    await inRequest('http://localhost/', pair, (c) => cookie.read(c));
    const [name, value] = splitPair(pair);
    const [id, sig] = value.split('.') as [string, string];
    const forged = [`${id}.${sig.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'))}`, `${randomId()}.${sig}`, `x${value}`, sig.slice(-8)];
    for (const candidate of forged) {
      const { result } = await inRequest('http://localhost/', `${name}=${candidate}`, (c) => cookie.read(c));
      assert.equal(await result, undefined, candidate);
    }
    const { result } = await inRequest('http://localhost/', pair, (c) => cookie.read(c));
    assert.equal(result, id, 'the verified value is still answered from the cache');
  });

  it('never pairs one value with another’s id: a repeated name Hono’s parse reads differently counts as none', async () => {
    // Hono's getCookie skips a value with a backslash and reads the next pair of the name; our scan reads the first.
    const cookie = sessionCookie();
    const pair = await issue(cookie);
    const junk = 'sid=x\\y';
    assert.equal((await inRequest('http://localhost/', `${junk}; ${pair}`, (c) => cookie.read(c))).result, undefined);
    assert.equal((await inRequest('http://localhost/', junk, (c) => cookie.read(c))).result, undefined, 'nothing cached for the junk');
    assert.equal(typeof (await inRequest('http://localhost/', pair, (c) => cookie.read(c))).result, 'string');
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

describe('SessionCookie: secure mode (issue 21)', () => {
  /** Whether `cookie` answers this request in secure mode, and what it reads from `pair`. */
  const judge = (cookie: SessionCookie, url: string, headers: Record<string, string>, pair: string | null = null) =>
    inRequestWith(url, { ...headers, ...(pair ? { Cookie: pair } : {}) }, async (c) => [cookie.isSecure(c), await cookie.read(c)] as const);

  it('is secure on plain-http localhost once the browser shows https (Origin, Referer), and stays so', async () => {
    const cookie = sessionCookie();
    const pair = await issue(cookie);
    assert.equal((await judge(cookie, 'http://localhost:3000/', {}, pair)).result[0], false);
    const viaProxy = await judge(cookie, 'http://localhost:3000/', { 'Sec-Fetch-Site': 'same-origin', Referer: 'https://app.example.com/x' }, pair);
    assert.deepEqual(viaProxy.result, [true, undefined], 'the unprefixed name is no longer read');
    const later = await judge(cookie, 'http://localhost:3000/', {}, pair);
    assert.deepEqual(later.result, [true, undefined], 'nor on a later request that shows nothing');
  });

  it('is secure from the start when the origin option names an https origin', async () => {
    const cookie = sessionCookie([SECRET], 'auto', { servedOverHttps: true });
    assert.equal((await judge(cookie, 'http://localhost:3000/', {})).result[0], true);
  });

  it('stays plain on localhost for another site’s page (a link from https://github.com)', async () => {
    const cookie = sessionCookie();
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site', Referer: 'https://github.com/' }, { 'Sec-Fetch-Site': 'same-origin', Referer: 'http://localhost:3000/a' }]) {
      assert.equal((await judge(cookie, 'http://localhost:3000/', headers)).result[0], false, JSON.stringify(headers));
    }
  });
});

describe('SessionCookie: a cookie signed with another secret (issue 21)', () => {
  it('counts as none, and says so once, with the advice for two apps on one origin', async () => {
    const warnings: string[] = [];
    const ours = sessionCookie([SECRET], 'auto', { warn: (m) => warnings.push(m) });
    const theirs = await issue(sessionCookie([OTHER_SECRET]));
    for (let i = 0; i < 3; i++) {
      assert.equal((await inRequest('http://localhost/', theirs, (c) => ours.read(c))).result, undefined);
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /sid arrived signed with a secret this handler does not hold.*its own cookie\.name.*Path=\/.*__Host-.*__Secure-/);
  });

  it('says nothing for a cookie it signed, nor for one that is not a signed value at all', async () => {
    const warnings: string[] = [];
    const ours = sessionCookie([SECRET], 'auto', { warn: (m) => warnings.push(m) });
    await inRequest('http://localhost/', await issue(ours), (c) => ours.read(c));
    await inRequest('http://localhost/', 'sid=not-signed', (c) => ours.read(c));
    assert.deepEqual(warnings, []);
  });
});

describe('cookieValue', () => {
  it('finds a cookie by exact name among others, unquoted', () => {
    assert.equal(cookieValue('a=1; sid=abc; b=2', 'sid='), 'abc');
    assert.equal(cookieValue('a=1;sid=abc', 'sid='), 'abc');
    assert.equal(cookieValue('sid="abc"', 'sid='), 'abc');
  });

  it('does not match a name that merely ends with it, and answers undefined when absent', () => {
    assert.equal(cookieValue('xsid=evil; __Host-sid=nope', 'sid='), undefined);
    assert.equal(cookieValue('xsid=evil; sid=good', 'sid='), 'good');
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
