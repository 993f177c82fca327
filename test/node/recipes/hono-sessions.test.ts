// The README's hono-sessions recipe, with the library itself (its default CookieStore): our handler
// keyed on an id kept in its session data, its session deleted when ours ends, and sign-out ending ours.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { CookieStore, sessionMiddleware, type Session } from 'hono-sessions';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { assertSignedOut, recipeClient } from './client.js';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const SESSION_KEY = 'hono-sessions-key-at-least-32-characters';

type Data = { user: string; timeoutId: string };

function createApp() {
  let now = Date.now();

  // -- the recipe, as in README.md ---------------------------------------------------------------
  const app = new Hono<{ Variables: { session: Session<Data>; session_key_rotation: boolean } }>();
  app.use(sessionMiddleware({
    store: new CookieStore(),
    encryptionKey: SESSION_KEY,
    cookieOptions: { sameSite: 'Lax', path: '/', httpOnly: true },
  }));
  const timeout = sessionTimeout({
    expireAfter: 900,
    redirect: '/login',
    secret: SECRET,
    now: () => now,
    // A CookieStore session has no id of its own: keep ours in its data.
    sessionId: (c) => (c.get('session') as Session<Data>).get('timeoutId'),
    onEnd: (c) => (c.get('session') as Session<Data>).deleteSession(),
  });
  app.post('/session/ping', timeout.ping);
  app.use('/app/*', timeout.middleware);
  app.get('/app', (c) => c.text(`hello ${c.get('session').get('user')}`));
  app.post('/login', async (c) => {
    const { username } = await c.req.parseBody<{ username: string }>();
    const id = await timeout.start(c, { id: crypto.randomUUID(), subject: username });
    c.get('session').set('user', username);
    c.get('session').set('timeoutId', id);
    return c.redirect('/app', 303);
  });
  app.post('/logout', async (c) => {
    await timeout.end(c);
    c.get('session').deleteSession();
    return c.redirect('/login', 303);
  });
  // -----------------------------------------------------------------------------------------------
  app.get('/whoami', (c) => c.text(c.get('session').get('user') ?? 'nobody')); // outside the middleware

  const client = recipeClient(app);
  /** The last `session` cookie set: hono-sessions sets one as it starts and again with the data. */
  const sessionCookie = (res: Response) => res.headers.getSetCookie().filter((line) => line.startsWith('session=')).at(-1)?.split(';')[0];
  return {
    advance: (seconds: number) => void (now += seconds * 1000),
    sessionCookie,
    async login(username = 'ada') {
      const res = await client.signIn(username);
      const cookie = sessionCookie(res);
      assert.ok(cookie, 'the hono-sessions cookie');
      return cookie;
    },
    get: client.get,
    whoami: async (cookie: string) => (await client.send('/whoami', cookie)).text(),
    ping: client.ping,
    logout: client.logout,
  };
}

describe('recipe: hono-sessions (issue 14)', () => {
  it('a sign-in starts our session; its data is served while the session lives', async () => {
    const t = createApp();
    const cookie = await t.login();
    t.advance(600);
    const res = await t.get(cookie);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello ada');
    assert.equal((await t.ping(cookie)).status, 200);
  });

  it('an idle session ends and its hono-sessions session is deleted; a kept copy is not served', async () => {
    const t = createApp();
    const cookie = await t.login();
    t.advance(901);
    const res = await t.get(cookie);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { expired: true, reason: 'idle' });
    const after = t.sessionCookie(res);
    assert.ok(after && after !== cookie, 'the session cookie was replaced');
    assert.equal(await t.whoami(after), 'nobody', 'its session data is gone');
    assert.equal((await t.ping(cookie)).status, 401, 'the kept copy is refused');
  });

  it('sign-out ends ours: a kept copy of the cookie is not served', async () => {
    const t = createApp();
    const cookie = await t.login();
    assert.equal((await t.logout(cookie)).status, 303);
    await assertSignedOut(await t.ping(cookie));
  });
});
