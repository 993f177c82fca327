import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { MemoryStore } from '../../../src/hono/store/memory.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { CountingStore, createTestApp, FlakyStore, ORIGIN, SECRET } from './helpers.js';

const setCookieOf = async (base: string) => {
  const t = createTestApp({}, base);
  const res = await t.app.request(`${base}/login`, { method: 'POST' });
  return res.headers.getSetCookie();
};

describe('start', () => {
  // Signed by hono/cookie's setSignedCookie: `<id>.<base64 HMAC-SHA256>`, URI-encoded.
  it('sets a signed, HttpOnly, SameSite=Lax, Path=/ session cookie with no Max-Age or Expires', async () => {
    const [cookie, more] = await setCookieOf('http://localhost:3000');
    assert.equal(more, undefined);
    assert.match(cookie!, /^session-timeout=[\w-]{24}\.[\w%]{44,}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('adds Secure and the __Host- prefix outside plain-http localhost', async () => {
    for (const base of ['https://example.com', 'https://localhost', 'http://example.com', 'http://127.0.0.1.nip.io']) {
      const [cookie] = await setCookieOf(base);
      assert.match(cookie!, /^__Host-session-timeout=[\w.%-]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/, base);
    }
  });

  it('leaves out Secure on plain-http localhost, 127.0.0.1 and [::1], where browsers would drop it', async () => {
    for (const base of ['http://localhost', 'http://127.0.0.1:8787', 'http://[::1]:3000']) {
      const [cookie] = await setCookieOf(base);
      assert.match(cookie!, /^session-timeout=/, base);
      assert.doesNotMatch(cookie!, /Secure/, base);
    }
  });

  it('adds Secure and __Host- behind a TLS-terminating proxy forwarding to http://localhost', async () => {
    for (const headers of [{ 'X-Forwarded-Proto': 'https' }, { Forwarded: 'for=192.0.2.1;proto=https' }] as Record<string, string>[]) {
      const t = createTestApp({}, 'http://localhost:3000');
      const res = await t.app.request('http://localhost:3000/login', { method: 'POST', headers });
      const [cookie] = res.headers.getSetCookie();
      assert.match(cookie!, /^__Host-session-timeout=[\w.%-]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/, JSON.stringify(headers));
      // ...and reads it back there.
      const page = await t.app.request('http://localhost:3000/app/x', { headers: { ...headers, Cookie: cookie!.split(';')[0]! } });
      assert.equal(typeof (await page.json()).id, 'string');
    }
  });

  it('honours cookie.name, cookie.sameSite and cookie.secure', async () => {
    const t = createTestApp({ cookie: { name: 'sto', sameSite: 'Strict', secure: true } });
    const [cookie] = (await t.app.request(`${ORIGIN}/login`, { method: 'POST' })).headers.getSetCookie();
    assert.match(cookie!, /^__Host-sto=[\w.%-]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('reads the __Host- cookie back on https, and ignores an unprefixed one there', async () => {
    const t = createTestApp({ required: false }, 'https://example.com');
    const cookie = await t.login();
    assert.match(cookie, /^__Host-/);
    assert.equal(typeof (await (await t.get('/app/x', cookie)).json()).id, 'string');
    const unprefixed = cookie.replace(/^__Host-/, '');
    assert.equal((await (await t.get('/app/x', unprefixed)).json()).id, null, 'could have been planted by a subdomain');
  });

  it('makes a fresh 144-bit random id each time', async () => {
    const t = createTestApp();
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      ids.add((await (await t.app.request(`${ORIGIN}/login`, { method: 'POST' })).json()).id);
    }
    assert.equal(ids.size, 200);
    for (const id of ids) assert.match(id, /^[\w-]{24}$/);
  });

  it('rotates: the session the request came with is deleted, the new one works', async () => {
    const store = new CountingStore();
    const t = createTestApp({ store });
    const first = await t.login();
    const second = await t.login(first);
    assert.notEqual(first, second);
    assert.equal(store.deletes.length, 1);
    assert.equal((await (await t.get('/app/x', first)).json()).reason, 'missing');
    assert.equal(typeof (await (await t.get('/app/x', second)).json()).id, 'string');
  });

  it('sets c.var.sessionTimeout for the rest of the login request', async () => {
    const timeout = sessionTimeout({ expireAfter: 900, absoluteTimeout: 3600, secret: SECRET });
    const app = new Hono();
    app.post('/login', async (c) => {
      await timeout.start(c);
      return c.json(c.var.sessionTimeout);
    });
    const body = await (await app.request(`${ORIGIN}/login`, { method: 'POST' })).json();
    assert.deepEqual({ ...body, id: 'x' }, { id: 'x', expired: false, reason: null, remaining: 900, absoluteRemaining: 3600, expireAfter: 900, warnAfter: 840 });
  });

  it('fails the login when the store fails, setting no cookie', async () => {
    const store = new FlakyStore();
    const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET, store });
    const app = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c)));
    app.onError((_error, c) => c.text('login failed', 500));
    store.failing = true;
    const res = await app.request(`${ORIGIN}/login`, { method: 'POST' });
    assert.equal(res.status, 500);
    assert.equal(res.headers.getSetCookie().length, 0);
  });

  it('refuses a sign-in with 503 + Retry-After once the MemoryStore is full, keeping every live session', async () => {
    const errors: unknown[] = [];
    const t = createTestApp({ store: new MemoryStore({ maxSessions: 2 }), onStoreError: (error) => errors.push(error) });
    const first = await t.login();
    const second = await t.login();
    const refused = await t.app.request(`${ORIGIN}/login`, { method: 'POST' });
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('Retry-After')) > 0);
    assert.deepEqual(refused.headers.getSetCookie(), []);
    assert.equal(errors.length, 1);
    for (const cookie of [first, second]) assert.equal((await t.get('/app/x', cookie)).status, 200);
  });

  it('takes no id of the caller with our own cookie', async () => {
    const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET });
    const app = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c, 'chosen-by-caller')));
    app.onError((error, c) => c.text(error.message, 500));
    assert.match(await (await app.request(`${ORIGIN}/login`, { method: 'POST' })).text(), /sessionId/);
  });

  it('with sessionId, registers the app id and forgets the one the request came with', async () => {
    const store = new CountingStore(new MemoryStore());
    const timeout = sessionTimeout({ expireAfter: 900, store, sessionId: (c) => c.req.header('X-App-Session') });
    const app = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c, c.req.query('new'))));
    await app.request(`${ORIGIN}/login?new=b`, { method: 'POST', headers: { 'X-App-Session': 'a' } });
    assert.deepEqual(store.deletes, ['a']);
    assert.equal(store.creates, 1);
  });
});

describe('end', () => {
  it('deletes the session and clears our cookie only: no Clear-Site-Data by default', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    const res = await t.app.request(`${ORIGIN}/logout`, { method: 'POST', headers: { Cookie: cookie } });
    assert.equal(res.headers.get('Clear-Site-Data'), null, 'it would wipe the app\'s and sibling subdomains\' cookies');
    assert.match(res.headers.getSetCookie()[0] ?? '', /^session-timeout=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.equal((await (await t.get('/app/x', cookie)).json()).reason, 'missing');
  });

  it('clears the __Host- cookie with Secure on https', async () => {
    const t = createTestApp({}, 'https://example.com');
    const cookie = await t.login();
    const res = await t.app.request('https://example.com/logout', { method: 'POST', headers: { Cookie: cookie } });
    assert.match(res.headers.getSetCookie()[0] ?? '', /^__Host-session-timeout=; Max-Age=0; Path=\/; HttpOnly; Secure;/);
  });

  it('sends Clear-Site-Data: "cookies" with clearSiteData: true', async () => {
    const t = createTestApp({ clearSiteData: true });
    const cookie = await t.login();
    const res = await t.app.request(`${ORIGIN}/logout`, { method: 'POST', headers: { Cookie: cookie } });
    assert.equal(res.headers.get('Clear-Site-Data'), '"cookies"');
  });

  it('signs this browser out even when the store fails: cookie cleared, Clear-Site-Data sent, then the error', async () => {
    const store = new FlakyStore();
    const t = createTestApp({ store, clearSiteData: true });
    const cookie = await t.login();
    store.failing = true;
    const res = await t.app.request(`${ORIGIN}/logout`, { method: 'POST', headers: { Cookie: cookie } });
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('Clear-Site-Data'), '"cookies"');
    assert.match(res.headers.getSetCookie()[0] ?? '', /^session-timeout=; Max-Age=0/);
  });

  for (const [what, headers] of [
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site', Origin: 'http://other.localhost' }],
    ['a foreign Origin without fetch metadata', { Origin: 'https://evil.example' }],
  ] as const) {
    it(`refuses a cross-site sign-out (${what}) with 403 and changes nothing`, async () => {
      const store = new CountingStore();
      const t = createTestApp({ store, clearSiteData: true });
      const cookie = await t.login();
      const res = await t.app.request(`${ORIGIN}/logout`, { method: 'POST', headers: { Cookie: cookie, ...headers } });
      assert.equal(res.status, 403);
      assert.deepEqual(res.headers.getSetCookie(), [], 'no cookie cleared');
      assert.equal(res.headers.get('Clear-Site-Data'), null);
      assert.deepEqual(store.deletes, []);
      assert.equal(typeof (await (await t.get('/app/x', cookie)).json()).id, 'string', 'still signed in');
    });
  }

  it('accepts a same-origin sign-out, and one from outside a browser (no Origin, no fetch metadata)', async () => {
    const t = createTestApp();
    for (const headers of [{ 'Sec-Fetch-Site': 'same-origin', Origin: ORIGIN }, {}] as Record<string, string>[]) {
      const cookie = await t.login();
      const res = await t.app.request(`${ORIGIN}/logout`, { method: 'POST', headers: { Cookie: cookie, ...headers } });
      assert.equal(res.status, 204);
      assert.match(res.headers.getSetCookie()[0] ?? '', /Max-Age=0/);
    }
  });

  it('clears the cookie even without a session', async () => {
    const t = createTestApp();
    const res = await t.app.request(`${ORIGIN}/logout`, { method: 'POST' });
    assert.equal(res.status, 204);
    assert.equal(res.headers.getSetCookie().length, 1);
  });
});

describe('begin and revoke: sessions from auth hooks without a Context (issue 14)', () => {
  const setup = () => {
    const timeout = sessionTimeout({ expireAfter: 900, secret: SECRET, sessionId: (c) => c.req.header('X-App-Session') });
    const app = new Hono();
    app.use('/app/*', timeout.middleware);
    app.get('/app/x', (c) => c.json(c.var.sessionTimeout));
    app.post('/session/ping', timeout.ping);
    const get = (id: string) => app.request(`${ORIGIN}/app/x`, { headers: { 'X-App-Session': id, Accept: 'application/json' } });
    return { timeout, app, get };
  };

  it('begin(id) registers the app’s session, with its subject; revoke(id) forgets it', async () => {
    const { timeout, app, get } = setup();
    assert.equal((await get('s1')).status, 401, 'unknown before begin()');
    await timeout.begin('s1', { subject: 'ada' });
    assert.equal((await get('s1')).status, 200);
    const ping = await app.request(`${ORIGIN}/session/ping`, {
      method: 'POST', headers: { 'X-App-Session': 's1', 'Content-Type': 'application/json' }, body: '{"idle": 0}',
    });
    assert.match((await ping.json()).subject, /^[\w-]{22}$/);
    await timeout.revoke('s1');
    assert.equal((await get('s1')).status, 401);
  });

  it('refuses an empty id, a bad subject, and our-cookie mode with a TypeError', async () => {
    const { timeout } = setup();
    await assert.rejects(timeout.begin(''), TypeError);
    await assert.rejects(timeout.revoke(''), TypeError);
    await assert.rejects(timeout.begin('s2', { subject: '' }), TypeError);
    const cookieMode = sessionTimeout({ expireAfter: 900, secret: SECRET });
    await assert.rejects(cookieMode.begin('s3'), /sessionId option/);
  });
});

describe('behind a proxy with nginx’s defaults (issue 21)', () => {
  // No X-Forwarded-*, the upstream's Host: the URL says http://localhost:3000, only the browser's own
  // Origin / Referer say https://app.example.com.
  const UPSTREAM = 'http://localhost:3000';
  const sameOrigin = { 'Sec-Fetch-Site': 'same-origin', Origin: 'https://app.example.com' };

  it('sets Secure and __Host- for a sign-in whose Origin is https', async () => {
    const t = createTestApp({}, UPSTREAM);
    const res = await t.app.request(`${UPSTREAM}/login`, { method: 'POST', headers: sameOrigin });
    assert.match(res.headers.getSetCookie()[0]!, /^__Host-session-timeout=[\w.%-]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('never accepts an unprefixed cookie tossed from a sibling subdomain in place of the prefixed one', async () => {
    const t = createTestApp({}, UPSTREAM);
    // The attacker's own valid session, tossed under the unprefixed name (Domain=example.com).
    const attacker = (await t.app.request(`${UPSTREAM}/login`, { method: 'POST', headers: sameOrigin })).headers.getSetCookie()[0]!;
    const tossed = attacker.split(';')[0]!.replace(/^__Host-/, '');
    const navigation = { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate', Referer: 'https://app.example.com/app/home' };
    assert.equal((await t.get('/app/x', tossed, navigation)).status, 401, 'a navigation from an https page');
    // A typed URL carries no Origin or Referer; the handler has seen https by now and keeps to it.
    assert.equal((await t.get('/app/x', tossed, { 'Sec-Fetch-Site': 'none', 'Sec-Fetch-Mode': 'navigate' })).status, 401, 'a typed URL');
  });

  it('with an https origin option, never reads the unprefixed name, from the first request on', async () => {
    const local = createTestApp({}, UPSTREAM);
    const plain = await local.login(); // a valid value under the unprefixed name (plain-http localhost)
    assert.match(plain, /^session-timeout=/);
    const t = createTestApp({ origin: 'https://app.example.com', store: local.store }, UPSTREAM);
    assert.equal((await t.get('/app/x', plain, { Accept: 'application/json' })).status, 401);
    const res = await t.app.request(`${UPSTREAM}/login`, { method: 'POST' });
    assert.match(res.headers.getSetCookie()[0]!, /^__Host-session-timeout=.*; Secure;/);
  });

  it('a local development server stays plain http: a link from an https site says nothing about it', async () => {
    const t = createTestApp({}, UPSTREAM);
    const cookie = await t.login();
    assert.match(cookie, /^session-timeout=/);
    const fromGithub = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-User': '?1', Referer: 'https://github.com/' };
    assert.equal((await t.get('/app/x', cookie, fromGithub)).status, 200);
    assert.equal((await t.get('/app/x', cookie)).status, 200);
  });
});

describe('two apps on one origin (issue 21)', () => {
  /** Two handlers in one Hono app, on /a and /b, each with its own sign-in, ping and sign-out. */
  function twoApps(names: { a?: string; b?: string }, secrets = { a: SECRET, b: SECRET }) {
    const clock = { t: Date.UTC(2025, 0, 1) };
    const warnings: string[] = [];
    const app = new Hono();
    const handlers = Object.fromEntries(
      (['a', 'b'] as const).map((key) => {
        const cookie = names[key] === undefined ? {} : { cookie: { name: names[key] } };
        const timeout = sessionTimeout({ expireAfter: key === 'a' ? 60 : 900, secret: secrets[key], now: () => clock.t, ...cookie });
        app.post(`/${key}/login`, async (c) => c.text(await timeout.start(c)));
        app.post(`/${key}/logout`, async (c) => (await timeout.end(c), c.body(null, 204)));
        app.post(`/${key}/ping`, timeout.ping);
        app.use(`/${key}/app/*`, timeout.middleware);
        app.get(`/${key}/app/*`, (c) => c.json(c.var.sessionTimeout));
        return [key, timeout];
      }),
    );
    // The browser's cookie jar: one cookie per name (all Path=/ on one origin), expired ones dropped.
    const jar = new Map<string, string>();
    const send = async (path: string, init: RequestInit = {}) => {
      const res = await app.request(`${ORIGIN}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const set of res.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
        if (/Max-Age=0/.test(set)) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    };
    const originalWarn = console.warn;
    console.warn = (message: string) => void warnings.push(message);
    return {
      handlers,
      jar,
      warnings,
      restore: () => void (console.warn = originalWarn),
      advance: (seconds: number) => void (clock.t += seconds * 1000),
      login: (key: string) => send(`/${key}/login`, { method: 'POST' }),
      logout: (key: string) => send(`/${key}/logout`, { method: 'POST' }),
      ping: (key: string, idle = 0) =>
        send(`/${key}/ping`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ idle }) }),
      page: async (key: string) => (await send(`/${key}/app/x`, { headers: { Accept: 'application/json' } })).status,
    };
  }

  it('with their own cookie.name, are independent at every step: sign-in, ping, end, expiry', async () => {
    const t = twoApps({ a: 'app-a', b: 'app-b' });
    try {
      await t.login('a');
      await t.login('b');
      assert.deepEqual([await t.page('a'), await t.page('b')], [200, 200], 'signing in to b keeps a');
      assert.deepEqual([(await t.ping('a')).status, (await t.ping('b')).status], [200, 200]);
      await t.logout('b');
      assert.deepEqual([await t.page('a'), await t.page('b')], [200, 401], 'signing out of b keeps a');
      await t.login('b');
      t.advance(61); // a's 60 s limit passes, b's 900 s does not
      assert.deepEqual([await t.page('a'), await t.page('b')], [401, 200], 'a expires alone');
      assert.deepEqual([(await t.ping('a')).status, (await t.ping('b')).status], [401, 200]);
      await t.login('a');
      assert.deepEqual([await t.page('a'), await t.page('b')], [200, 200]);
      assert.deepEqual(t.warnings, []);
    } finally {
      t.restore();
    }
  });

  it('with the default name and two secrets, says once on the console why they sign each other out', async () => {
    const t = twoApps({}, { a: SECRET, b: 'another-secret-of-at-least-32-characters' });
    try {
      await t.login('a');
      await t.login('b'); // replaces a's cookie: one name, one path
      assert.equal(await t.page('a'), 401);
      await t.login('b');
      assert.equal(await t.page('a'), 401);
      // Once per handler that met the other's cookie (b at its second sign-in, a at its page), never again.
      assert.equal(t.warnings.length, 2, t.warnings.join('\n'));
      assert.match(t.warnings[0]!, /signed with a secret this handler does not hold/);
      assert.match(t.warnings[0]!, /its own cookie\.name/);
      assert.match(t.warnings[0]!, /__Secure-/);
    } finally {
      t.restore();
    }
  });
});
