// The README's @hono/session recipe, with the library itself: our handler keyed on its session id
// (`sessionId`), its session deleted when ours ends (`onEnd`), and its sign-out ending ours.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, useSessionStorage, type SessionEnv } from '@hono/session';
import { Hono, type Context } from 'hono';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { assertSignedOut, recipeClient } from './client.js';

const AUTH_SECRET = 'a'.repeat(64); // @hono/session: 32 bytes, hex
const SECRET = 'test-secret-that-is-at-least-32-characters-long';

type Data = { user?: string };

/** `storage`: sessions kept server-side (`useSessionStorage`); without it, in the encrypted cookie (the default). */
function createApp({ storage = true } = {}) {
  let now = Date.now();
  const stored = new Map<string, Data>();

  // -- the recipe, as in README.md ---------------------------------------------------------------
  /**
   * @hono/session's id while someone is signed in. `get()` re-reads the request's cookie, which would
   * drop what this request changed (the sign-in's `update()`), so it is called only while `data`
   * still throws, i.e. before anything read the session in this request.
   */
  const signedInSessionId = async (c: Context<SessionEnv<Data>>): Promise<string | null> => {
    const { session } = c.var;
    let data: Data | null;
    try {
      data = session.data;
    } catch {
      data = await session.get();
    }
    return data?.user ? session.id : null;
  };
  const timeout = sessionTimeout({
    expireAfter: 900,
    redirect: '/login',
    secret: SECRET,
    now: () => now,
    sessionId: (c) => signedInSessionId(c as Context<SessionEnv<Data>>),
    onEnd: (c) => (c as Context<SessionEnv<Data>>).var.session.delete(),
  });
  const app = new Hono<SessionEnv<Data>>();
  if (storage) {
    app.use(useSessionStorage({ get: (sid) => stored.get(sid) ?? null, set: (sid, data) => void stored.set(sid, data), delete: (sid) => void stored.delete(sid) }));
  }
  app.use(useSession({ secret: AUTH_SECRET }));
  app.post('/session/ping', timeout.ping);
  app.use('/app/*', timeout.middleware);
  app.get('/app', (c) => c.text(`signed in; ${Math.round(c.var.sessionTimeout.remaining)} s left if idle`));
  app.post('/login', async (c) => {
    const { username } = await c.req.parseBody<{ username: string }>();
    await c.var.session.update({ user: username });
    await timeout.start(c, { id: c.var.session.id!, subject: username });
    return c.redirect('/app', 303);
  });
  app.post('/logout', async (c) => {
    await timeout.end(c);
    c.var.session.delete();
    return c.redirect('/login', 303);
  });
  // -----------------------------------------------------------------------------------------------

  const client = recipeClient(app);
  return {
    stored,
    advance: (seconds: number) => void (now += seconds * 1000),
    async login(username = 'ada') {
      const res = await client.signIn(username);
      const sid = res.headers.getSetCookie().find((line) => line.startsWith('sid='));
      assert.ok(sid, 'the @hono/session cookie');
      return sid.split(';')[0]!;
    },
    get: client.get,
    ping: client.ping,
    logout: client.logout,
  };
}

describe('recipe: @hono/session (issue 14)', () => {
  it('a sign-in starts our session on @hono/session’s id; activity keeps it', async () => {
    const t = createApp();
    const cookie = await t.login();
    assert.equal(t.stored.size, 1, 'in its storage');
    t.advance(600);
    assert.equal((await t.get(cookie)).status, 200);
    t.advance(600);
    const ping = await t.ping(cookie, 1000); // the page saw no input for 1000 s: the GET at 600 s counts
    assert.equal(ping.status, 200);
    const answer = (await ping.json()) as { remaining: number; subject?: string };
    assert.equal(answer.remaining, 300);
    assert.match(answer.subject ?? '', /^[\w-]{22}$/);
  });

  it('an idle session ends, and @hono/session’s session is deleted with its cookie', async () => {
    const t = createApp();
    const cookie = await t.login();
    t.advance(901);
    const res = await t.get(cookie);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { expired: true, reason: 'idle' });
    assert.equal(t.stored.size, 0, 'gone from its storage');
    assert.ok(res.headers.getSetCookie().some((line) => /^sid=;.*Max-Age=0/.test(line)), 'its cookie deleted');
    assert.equal((await t.ping(cookie)).status, 401, 'a kept copy is not served');
  });

  it('sign-out ends ours: a kept copy of the (stateless) cookie is not served', async () => {
    const t = createApp({ storage: false });
    const cookie = await t.login();
    assert.equal((await t.ping(cookie)).status, 200);
    assert.equal((await t.logout(cookie)).status, 303);
    await assertSignedOut(await t.ping(cookie));
  });
});
