// better-auth itself (email and password, its memory adapter) on a real Hono app, with our plugin: a
// sign-in starts our session, an idle one is revoked in better-auth, better-auth's sign-out and
// revocations end ours, and a better-auth failure while revoking never serves the session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecondaryStorage } from 'better-auth';
// The entry without Kysely's dialects (this test needs none), a third faster to import than 'better-auth'.
import { betterAuth } from 'better-auth/minimal';
import { memoryAdapter } from 'better-auth/adapters/memory';
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
  /** Makes better-auth's own session deletion fail (an app hook that throws) while true. */
  failDeletion?: () => boolean;
  options?: Partial<BetterAuthSessionTimeoutOptions>;
}

function createApp({ failDeletion = () => false, options = {}, secondaryStorage = false }: Setup = {}) {
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
  const auth = betterAuth({
    baseURL: ORIGIN,
    secret: 'better-auth-secret-at-least-32-characters',
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    emailAndPassword: { enabled: true },
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
    plugins: [timeout.plugin],
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
  return {
    auth,
    store,
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
    assert.notEqual(await t.sessionInBetterAuth(jar), null, 'better-auth kept it');

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

  it('refuses options it cannot honour', () => {
    assert.throws(() => betterAuthSessionTimeout({ expireAfter: 900, sessionId: () => 'x' } as never), TypeError);
    assert.throws(() => betterAuthSessionTimeout({ expireAfter: 900, store: (() => new MemoryStore()) as never }), /store must be a store object/);
  });
});
