// better-auth itself (email and password, its memory adapter, optionally secondaryStorage and its
// cookie cache) on a real Hono app, with our plugin: a sign-in starts our session, an idle one is
// revoked in better-auth and refused by better-auth's own endpoints, every revocation of better-auth
// ends ours, a session our store lost is revoked, and a failure while ending never serves the session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecondaryStorage } from 'better-auth';
// The entry without Kysely's dialects (this test needs none), a third faster to import than 'better-auth'.
import { betterAuth } from 'better-auth/minimal';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { admin } from 'better-auth/plugins/admin';
import { Hono } from 'hono';
import { betterAuthSessionTimeout, type BetterAuthSessionTimeoutOptions } from '../../../src/hono/better-auth.js';
import { MemoryStore } from '../../../src/hono/store/memory.js';
import { FlakyStore } from '../hono/helpers.js';

const ORIGIN = 'http://localhost:3000';
const SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** Set-Cookie answers kept as a browser would, read back as one `Cookie` header. */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      if (attributes.some((a) => /^\s*max-age=0$/i.test(a)) || pair.slice(at + 1) === '') this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(at + 1));
    }
  }
  get header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [name, value] of this.#cookies) jar.#cookies.set(name, value);
    return jar;
  }
}

interface Setup {
  /** Sessions in better-auth's secondary storage only (no database row, so no delete hook runs). */
  secondaryStorage?: boolean;
  /** better-auth's `session.cookieCache`: it then trusts a signed copy of the session in a cookie for 5 minutes. */
  cookieCache?: boolean;
  /** Makes better-auth's own session deletion fail (an app hook that throws) while true. */
  failDeletion?: () => boolean;
  options?: Partial<BetterAuthSessionTimeoutOptions>;
}

function createApp({ cookieCache = false, failDeletion = () => false, options = {}, secondaryStorage = false }: Setup = {}) {
  let now = Date.now();
  const errors: unknown[] = [];
  const store = new MemoryStore();
  const timeout = betterAuthSessionTimeout({
    expireAfter: 900,
    redirect: '/login',
    secret: SECRET,
    store,
    now: () => now,
    onStoreError: (error) => errors.push(error),
    ...options,
  });
  const db: Record<string, Record<string, unknown>[]> = { user: [], session: [], account: [], verification: [] };
  const auth = betterAuth({
    baseURL: ORIGIN,
    secret: 'better-auth-secret-at-least-32-characters',
    database: memoryAdapter(db),
    // Scrypt at its real cost would spend most of this file's time hashing: the tests are about sessions.
    emailAndPassword: { enabled: true, password: { hash: async (password) => `plain:${password}`, verify: async ({ hash, password }) => hash === `plain:${password}` } },
    databaseHooks: {
      session: {
        delete: {
          async before() {
            if (failDeletion()) throw new Error('database unreachable');
          },
        },
      },
    },
    logger: { disabled: true },
    ...(secondaryStorage ? { secondaryStorage: mapStorage() } : {}),
    ...(cookieCache ? { session: { cookieCache: { enabled: true, maxAge: 300 } } } : {}),
    plugins: [timeout.plugin, admin()],
  });

  const app = new Hono();
  app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));
  app.post('/api/session/ping', timeout.ping);
  app.use('/app/*', timeout.middleware);
  app.get('/app/me', async (c) => {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    return session ? c.json({ email: session.user.email }) : c.json({ error: 'not signed in' }, 401);
  });

  const send = async (jar: CookieJar, path: string, init: RequestInit = {}) => {
    const res = await app.request(`${ORIGIN}${path}`, {
      ...init,
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', Cookie: jar.header, ...init.headers },
    });
    jar.take(res);
    return res;
  };
  const signUp = async (email = 'ada@example.com') => {
    const jar = new CookieJar();
    const res = await send(jar, '/api/auth/sign-up/email', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'correct horse battery', name: 'Ada' }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return jar;
  };
  const signIn = async (email = 'ada@example.com') => {
    const jar = new CookieJar();
    const res = await send(jar, '/api/auth/sign-in/email', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    return { jar, res };
  };
  /** The session token in a jar's signed cookie (what our store keys on). */
  const tokenIn = (jar: CookieJar) => decodeURIComponent(jar.header.match(/better-auth\.session_token=([^;]+)/)![1]!).split('.')[0]!;
  /** Makes the user an administrator (the admin plugin's `role`); sessions begun later carry it. */
  const makeAdmin = (email: string) => {
    const user = db.user!.find((u) => u.email === email)!;
    user.role = 'admin';
  };
  const post = (jar: CookieJar, path: string, body: unknown = {}) => send(jar, path, { method: 'POST', body: JSON.stringify(body) });
  return {
    auth,
    db,
    store,
    tokenIn,
    makeAdmin,
    post,
    errors,
    signUp,
    signIn,
    send,
    advance(seconds: number) {
      now += seconds * 1000;
    },
    me: (jar: CookieJar) => send(jar, '/app/me'),
    ping: (jar: CookieJar, idle = 0) => send(jar, '/api/session/ping', { method: 'POST', body: JSON.stringify({ idle }) }),
    sessionInBetterAuth: (jar: CookieJar) => auth.api.getSession({ headers: new Headers({ Cookie: jar.header }) }),
  };
}

/** better-auth's `secondaryStorage` interface over a Map (what an app would back with Redis). */
function mapStorage(): SecondaryStorage {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    getAndDelete(key) {
      const value = values.get(key) ?? null;
      values.delete(key);
      return value;
    },
    increment(key) {
      const next = Number(values.get(key) ?? 0) + 1;
      values.set(key, String(next));
      return next;
    },
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}

describe('better-auth plugin (issue 14)', () => {
  it('a sign-in starts our session: the protected route serves it and the ping reports it, with its subject', async () => {
    const t = createApp();
    await t.signUp();
    const { jar, res } = await t.signIn();
    assert.equal(res.status, 200);
    const me = await t.me(jar);
    assert.equal(me.status, 200);
    assert.deepEqual(await me.json(), { email: 'ada@example.com' });
    const ping = await t.ping(jar);
    assert.equal(ping.status, 200);
    const answer = (await ping.json()) as { remaining: number; subject?: string };
    assert.equal(answer.remaining, 900);
    assert.match(answer.subject ?? '', /^[\w-]{22}$/, 'the user id, as its keyed hash');

    const token = jar.header.match(/better-auth\.session_token=([^.;]+)\./)![1]!;
    const forged = await t.send(new CookieJar(), '/app/me', { headers: { Cookie: `better-auth.session_token=${token}.${'A'.repeat(43)}%3D` } });
    assert.equal(forged.status, 401, 'the token without better-auth’s signature is no session');
    assert.deepEqual(await forged.json(), { expired: true, reason: 'missing' });
  });

  it('an idle session ends in ours and is revoked in better-auth, its cookies expired', async () => {
    const t = createApp();
    const jar = await t.signUp();
    const stolen = jar.copy();
    t.advance(600);
    assert.equal((await t.me(jar)).status, 200, 'activity');
    t.advance(600);
    assert.equal((await t.me(jar)).status, 200, 'still alive: 600 s after the last request');
    t.advance(901);
    const ended = await t.me(jar);
    assert.equal(ended.status, 401);
    assert.deepEqual(await ended.json(), { expired: true, reason: 'idle' });
    assert.equal(jar.header, '', 'better-auth’s session cookie expired on the answer');
    assert.equal(await t.sessionInBetterAuth(stolen), null, 'better-auth no longer knows the session');
    const again = await t.ping(stolen);
    assert.equal(again.status, 401, 'a copy of the cookie is not served either');
    assert.equal(((await again.json()) as { reason: string }).reason, 'idle');
    assert.deepEqual(t.errors, []);
  });

  it('with secondaryStorage too, the other tabs learn why it ended (idle), not just that it is gone', async () => {
    const t = createApp({ secondaryStorage: true });
    const jar = await t.signUp();
    const otherTab = jar.copy();
    t.advance(901);
    assert.equal((await t.me(jar)).status, 401);
    assert.equal(await t.sessionInBetterAuth(otherTab), null, 'revoked in better-auth');
    const ping = await t.ping(otherTab);
    assert.equal(ping.status, 401);
    assert.deepEqual(await ping.json(), { expired: true, reason: 'idle' });
  });

  it('a navigation to an idle session is sent to the redirect with reason=idle', async () => {
    const t = createApp();
    const jar = await t.signUp();
    t.advance(901);
    const res = await t.send(jar, '/app/me', { headers: { 'Sec-Fetch-Mode': 'navigate' } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('Location'), '/login?reason=idle');
    assert.equal(await t.sessionInBetterAuth(jar), null);
  });

  it('better-auth’s sign-out ends ours: a kept copy of the cookie is not served', async () => {
    const t = createApp();
    const jar = await t.signUp();
    const kept = jar.copy();
    const out = await t.send(jar, '/api/auth/sign-out', { method: 'POST', body: '{}' });
    assert.equal(out.status, 200);
    const ping = await t.ping(kept);
    assert.equal(ping.status, 401);
    assert.equal(((await ping.json()) as { reason: string }).reason, 'missing');
  });

  it('better-auth’s sign-out ends ours also with sessions in secondary storage only', async () => {
    const t = createApp({ secondaryStorage: true });
    const jar = await t.signUp();
    const kept = jar.copy();
    assert.equal((await t.ping(kept)).status, 200);
    assert.equal((await t.send(jar, '/api/auth/sign-out', { method: 'POST', body: '{}' })).status, 200);
    assert.equal((await t.ping(kept)).status, 401);
  });

  it('a revocation from another device (revoke-other-sessions) ends ours', async () => {
    const t = createApp();
    const laptop = await t.signUp();
    const { jar: phone } = await t.signIn();
    assert.equal((await t.ping(phone)).status, 200);
    const res = await t.send(laptop, '/api/auth/revoke-other-sessions', { method: 'POST', body: '{}' });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await t.ping(phone)).status, 401);
    assert.equal((await t.ping(laptop)).status, 200, 'the device that revoked the others keeps its session');
  });

  it('better-auth failing to revoke: 503 through onStoreError, never served, revoked once it recovers', async () => {
    let failing = true;
    const t = createApp({ failDeletion: () => failing });
    const jar = await t.signUp();
    t.advance(901);
    const res = await t.me(jar);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('Retry-After'), '5');
    assert.match(String(t.errors[0]), /database unreachable/);
    assert.equal((await t.ping(jar)).status, 503, 'still ended: the ping does not serve it either');
    assert.equal(t.db.session!.length, 1, 'better-auth kept it');
    await assert.rejects(t.sessionInBetterAuth(jar), { status: 'SERVICE_UNAVAILABLE' }, 'its getSession does not serve it meanwhile');

    failing = false;
    const ended = await t.me(jar);
    assert.equal(ended.status, 401);
    assert.deepEqual(await ended.json(), { expired: true, reason: 'idle' });
    assert.equal(await t.sessionInBetterAuth(jar), null, 'revoked on the next request');
  });

  it('a sign-in whose session cannot be stored fails with 503 rather than start an unguarded session', async () => {
    const store = new FlakyStore();
    const t = createApp({ options: { store } });
    await t.signUp();
    store.failing = true;
    const { res, jar } = await t.signIn();
    assert.equal(res.status, 503);
    assert.equal(jar.header, '', 'no session cookie');
  });

  it('a user onEnd that throws is retried: the cookie is kept, and the end completes on the next request', async () => {
    let failures = 1;
    const ends: string[] = [];
    const t = createApp({
      options: {
        onEnd(_c, reason) {
          ends.push(reason);
          if (failures-- > 0) throw new Error('audit log unreachable');
        },
      },
    });
    const jar = await t.signUp();
    const kept = jar.copy();
    t.advance(901);
    assert.equal((await t.me(jar)).status, 503, 'onEnd threw: unavailable, never served');
    assert.notEqual(jar.header, '', 'the cookie is kept, so the next request carries the end again');
    const ended = await t.me(jar);
    assert.equal(ended.status, 401);
    assert.deepEqual(await ended.json(), { expired: true, reason: 'idle' });
    assert.deepEqual(ends, ['idle', 'idle'], 'onEnd ran again, and succeeded');
    assert.equal(jar.header, '', 'cookies expired once the end was complete');
    assert.equal(await t.sessionInBetterAuth(kept), null, 'revoked in better-auth');
  });

  it('refuses options it cannot honour', () => {
    assert.throws(() => betterAuthSessionTimeout({ expireAfter: 900, sessionId: () => 'x' } as never), TypeError);
    assert.throws(() => betterAuthSessionTimeout({ expireAfter: 900, store: (() => new MemoryStore()) as never }), /store must be a store object/);
  });
});

/** The three storage modes of better-auth's sessions the plugin must cover alike. */
const MODES: { name: string; setup: Setup }[] = [
  { name: 'database', setup: {} },
  { name: 'secondaryStorage', setup: { secondaryStorage: true } },
  { name: 'database + cookieCache', setup: { cookieCache: true } },
  { name: 'secondaryStorage + cookieCache', setup: { secondaryStorage: true, cookieCache: true } },
];

describe('better-auth’s own endpoints honour our limits (issue 21, defect 1)', () => {
  for (const { name, setup } of MODES) {
    it(`${name}: 901 s idle with no request between, get-session answers null and the session is revoked`, async () => {
      const t = createApp(setup);
      const jar = await t.signUp();
      const stolen = jar.copy();
      t.advance(901);
      const res = await t.send(jar, '/api/auth/get-session');
      assert.equal(res.status, 200);
      assert.equal(await res.json(), null, 'no user for an idle session');
      assert.equal(jar.header, '', 'better-auth’s cookies expired on the answer');
      assert.equal(await t.sessionInBetterAuth(stolen), null, 'revoked in better-auth: a copy of the cookie is nobody');
      assert.equal((await t.send(stolen, '/api/auth/get-session').then((r) => r.json())), null);
    });
  }

  for (const [path, body] of [
    ['/api/auth/list-sessions', undefined],
    ['/api/auth/update-user', { name: 'Eve' }],
    ['/api/auth/revoke-other-sessions', {}],
  ] as const) {
    it(`${path} refuses an idle session with 401 and changes nothing`, async () => {
      const t = createApp({ cookieCache: true });
      const jar = await t.signUp();
      t.advance(600);
      const { jar: other } = await t.signIn();
      t.advance(301);
      const res = body === undefined ? await t.send(jar, path) : await t.post(jar, path, body);
      assert.equal(res.status, 401, await res.clone().text());
      assert.equal(t.db.user![0]!.name, 'Ada', 'the user was not updated');
      assert.equal(t.db.session!.length, 1, 'only the idle session was removed: the other device’s stays');
      assert.equal((await t.me(other)).status, 200, 'the other device is still served');
    });
  }

  it('the server-side auth.api.getSession refuses an idle session too', async () => {
    const t = createApp();
    const jar = await t.signUp();
    t.advance(901);
    assert.equal(await t.sessionInBetterAuth(jar), null);
  });

  it('a check from a better-auth endpoint never extends the session: only the user’s requests do', async () => {
    const t = createApp();
    const jar = await t.signUp();
    t.advance(600);
    assert.equal((await t.send(jar, '/api/auth/get-session').then((r) => r.json()) as { user: { email: string } }).user.email, 'ada@example.com');
    t.advance(301);
    assert.equal(await t.send(jar, '/api/auth/get-session').then((r) => r.json()), null, 'polling get-session is not activity');
  });

  it('a navigation to a better-auth endpoint (an OAuth callback) is checked without building a redirect', async () => {
    const redirects: string[] = [];
    const t = createApp({ options: { redirect: (c, reason) => (redirects.push(c.req.path), `/login?reason=${reason}`) } });
    const jar = await t.signUp();
    t.advance(901);
    const res = await t.send(jar, '/api/auth/get-session', { headers: { 'Sec-Fetch-Mode': 'navigate' } });
    assert.equal(await res.json(), null);
    assert.deepEqual(redirects, [], 'better-auth answers its own endpoints');
    assert.deepEqual(t.errors, []);
  });

  it('our store down: better-auth’s endpoints answer 503, never the session, and nothing is revoked', async () => {
    const store = new FlakyStore();
    const t = createApp({ options: { store } });
    const jar = await t.signUp();
    store.failing = true;
    const res = await t.send(jar, '/api/auth/get-session');
    assert.equal(res.status, 503);
    assert.notEqual(jar.header, '', 'the cookie is kept');
    store.failing = false;
    assert.equal(((await t.send(jar, '/api/auth/get-session').then((r) => r.json())) as { user: { email: string } }).user.email, 'ada@example.com');
  });

  it('signing in again with the cookie of an ended session works, and starts a new session of ours', async () => {
    const t = createApp();
    const jar = await t.signUp();
    t.advance(901);
    const res = await t.send(jar, '/api/auth/sign-in/email', {
      method: 'POST',
      body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await t.me(jar)).status, 200);
  });
});

describe('every revocation better-auth makes ends ours (issue 21, defect 2)', () => {
  /** The revoked device's token, for the revocation that names it. */
  let phoneToken = '';
  const revocations: { name: string; revoke: (t: ReturnType<typeof createApp>, laptop: CookieJar) => Promise<Response> }[] = [
    { name: 'revoke-other-sessions', revoke: (t, laptop) => t.post(laptop, '/api/auth/revoke-other-sessions') },
    {
      name: 'change-password with revokeOtherSessions',
      revoke: (t, laptop) =>
        t.post(laptop, '/api/auth/change-password', {
          currentPassword: 'correct horse battery',
          newPassword: 'correct horse battery staple',
          revokeOtherSessions: true,
        }),
    },
    { name: 'revoke-session (the other device’s token)', revoke: (t, laptop) => t.post(laptop, '/api/auth/revoke-session', { token: phoneToken }) },
    {
      name: 'admin ban-user',
      async revoke(t) {
        await t.signUp('root@example.com');
        t.makeAdmin('root@example.com');
        const { jar: root } = await t.signIn('root@example.com');
        const userId = t.db.user!.find((u) => u.email === 'ada@example.com')!.id;
        return t.post(root, '/api/auth/admin/ban-user', { userId });
      },
    },
    {
      name: 'admin revoke-user-sessions',
      async revoke(t) {
        await t.signUp('root@example.com');
        t.makeAdmin('root@example.com');
        const { jar: root } = await t.signIn('root@example.com');
        const userId = t.db.user!.find((u) => u.email === 'ada@example.com')!.id;
        return t.post(root, '/api/auth/admin/revoke-user-sessions', { userId });
      },
    },
  ];
  for (const { name: mode, setup } of MODES) {
    for (const { name, revoke } of revocations) {
      it(`${mode}: ${name} ends the revoked device’s session of ours`, async () => {
        const t = createApp(setup);
        const laptop = await t.signUp();
        const { jar: phone } = await t.signIn();
        phoneToken = t.tokenIn(phone);
        assert.equal((await t.me(phone)).status, 200);
        const res = await revoke(t, laptop);
        assert.equal(res.status, 200, await res.clone().text());
        const ping = await t.ping(phone);
        assert.equal(ping.status, 401, 'the revoked device’s ping is refused');
        const me = await t.me(phone);
        assert.equal(me.status, 401, 'the revoked device is not served, cookie cache or not');
        assert.equal(await t.send(phone, '/api/auth/get-session').then((r) => r.json()), null);
        assert.equal(t.errors.length, 0, String(t.errors[0]));
      });
    }
  }
});

describe('a session our store lost is revoked in better-auth (issue 21, defect 3)', () => {
  for (const { name, setup } of MODES) {
    it(`${name}: after a store restart, get-session answers null and better-auth forgets the session`, async () => {
      const t = createApp(setup);
      const jar = await t.signUp();
      const kept = jar.copy();
      await t.store.delete(t.tokenIn(jar)); // what a MemoryStore restart does to every session
      t.advance(45 * 60);
      assert.equal(await t.send(jar, '/api/auth/get-session').then((r) => r.json()), null, 'a login page sees nobody signed in: no loop');
      assert.equal(jar.header, '', 'cookies expired');
      assert.equal(await t.sessionInBetterAuth(kept), null, 'revoked in better-auth');
    });
  }

  it('the middleware refuses a lost session as missing, revokes it in better-auth and expires its cookies', async () => {
    const t = createApp({ cookieCache: true });
    const jar = await t.signUp();
    const kept = jar.copy();
    await t.store.delete(t.tokenIn(jar));
    const res = await t.me(jar);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { expired: true, reason: 'missing' });
    assert.equal(jar.header, '', 'cookies expired');
    assert.equal(t.db.session!.length, 0, 'revoked in better-auth');
    assert.equal((await t.me(kept)).status, 401);
  });

  it('the ping refuses a lost session as missing and revokes it in better-auth', async () => {
    const t = createApp();
    const jar = await t.signUp();
    await t.store.delete(t.tokenIn(jar));
    const ping = await t.ping(jar);
    assert.equal(ping.status, 401);
    assert.deepEqual(await ping.json(), { expired: true, reason: 'missing' });
    assert.equal(t.db.session!.length, 0, 'revoked in better-auth by the ping itself');
  });
});
