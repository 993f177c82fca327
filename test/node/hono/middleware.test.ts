import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { PingClient } from '../../../src/browser/ping-client.js';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import type { SessionTimeoutOptions } from '../../../src/hono/options.js';
import type { SessionTimeoutState, SessionTimeoutVariables } from '../../../src/hono/state.js';
import { CountingStore, createTestApp, FlakyStore, ORIGIN, SECRET, testClock } from './helpers.js';

const navigation = { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'same-origin', Accept: 'text/html' };
const fetchRequest = { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin', Accept: '*/*' };
const htmx = { 'HX-Request': 'true', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin' };

const state = async (res: Response) => (await res.json()) as SessionTimeoutState;

describe('middleware: idle expiry', () => {
  it('lets a request through one second before expireAfter and ends the session exactly at it', async () => {
    const t = createTestApp({ expireAfter: 900 });
    const cookie = await t.login();
    t.clock.advance(899);
    const alive = await t.get('/app/page', cookie, { 'X-Session-Passive': '1' });
    assert.equal(alive.status, 200);
    assert.equal((await state(alive)).remaining, 1);
    t.clock.advance(1);
    const ended = await t.get('/app/page', cookie, fetchRequest);
    assert.equal(ended.status, 401);
    assert.deepEqual(await ended.json(), { expired: true, reason: 'idle' });
  });

  it('counts every ordinary request as activity', async () => {
    const t = createTestApp({ expireAfter: 900 });
    const cookie = await t.login();
    for (let i = 0; i < 10; i++) {
      t.clock.advance(800);
      assert.equal((await t.get('/app/page', cookie)).status, 200, `request ${i + 1}`);
    }
  });

  it('sets c.var.sessionTimeout for a live session, in seconds', async () => {
    const t = createTestApp({ expireAfter: 900, absoluteTimeout: 3600 });
    const cookie = await t.login();
    t.clock.advance(100);
    const body = await state(await t.get('/app/page', cookie));
    assert.equal(typeof body.id, 'string');
    assert.deepEqual({ ...body, id: 'x' }, { id: 'x', expired: false, reason: null, remaining: 900, absoluteRemaining: 3500, expireAfter: 900, warnAfter: 840 });
  });

  it('makes remaining the sooner of the idle and absolute limits', async () => {
    const t = createTestApp({ expireAfter: 900, absoluteTimeout: 1000 });
    const cookie = await t.login();
    t.clock.advance(500);
    const body = await state(await t.get('/app/page', cookie));
    assert.deepEqual([body.remaining, body.absoluteRemaining], [500, 500]);
  });

  it('ends a session at the absolute limit however active it is', async () => {
    const t = createTestApp({ expireAfter: 900, absoluteTimeout: 1000 });
    const cookie = await t.login();
    for (let s = 0; s < 999; s += 111) {
      assert.equal((await t.get('/app/page', cookie)).status, 200);
      t.clock.advance(111);
    }
    t.clock.advance(1000 - 999);
    const res = await t.get('/app/page', cookie, fetchRequest);
    assert.deepEqual(await res.json(), { expired: true, reason: 'absolute' });
  });
});

describe('middleware: the answer to an ended session', () => {
  const ended = async (headers: Record<string, string>, options = {}) => {
    const t = createTestApp({ redirect: '/login?next=%2Fapp', ...options });
    const cookie = await t.login();
    t.clock.advance(900);
    return t.get('/app/page', cookie, headers);
  };

  it('303s a navigation to redirect with reason=idle, keeping its query', async () => {
    const res = await ended(navigation);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('Location'), '/login?next=%2Fapp&reason=idle');
  });

  it('treats Accept: text/html without fetch metadata as a navigation', async () => {
    const res = await ended({ Accept: 'text/html,application/xhtml+xml' });
    assert.equal(res.status, 303);
  });

  it('does not treat Accept: text/html as a navigation when fetch metadata says otherwise', async () => {
    const res = await ended({ ...fetchRequest, Accept: 'text/html' });
    assert.equal(res.status, 401);
  });

  it('answers fetch with 401 JSON {expired, reason}', async () => {
    const res = await ended(fetchRequest);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { expired: true, reason: 'idle' });
    assert.equal(res.headers.get('Cache-Control'), 'no-store');
  });

  it('answers htmx with HX-Redirect on a 2xx, the only status htmx follows it on', async () => {
    const res = await ended(htmx);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('HX-Redirect'), '/login?next=%2Fapp&reason=idle');
    assert.equal(await res.text(), '');
  });

  it('says reason=absolute after the absolute limit', async () => {
    const t = createTestApp({ redirect: '/login', absoluteTimeout: 60 });
    const cookie = await t.login();
    t.clock.advance(60);
    assert.equal((await t.get('/app/page', cookie, navigation)).headers.get('Location'), '/login?reason=absolute');
  });

  it('answers a navigation with the 401 JSON when no redirect is configured', async () => {
    const res = await ended(navigation, { redirect: undefined });
    assert.equal(res.status, 401);
  });

  it('clears the cookie and keeps the reason for the requests that follow', async () => {
    const store = new CountingStore();
    const t = createTestApp({ store });
    const cookie = await t.login();
    t.clock.advance(900);
    const res = await t.get('/app/page', cookie, fetchRequest);
    const [setCookie] = res.headers.getSetCookie();
    assert.match(setCookie ?? '', /^session-timeout=; Max-Age=0; Path=\//);
    assert.deepEqual(store.deletes, [], 'the tombstone stays: deleting it would turn the reason into "missing"');
    // A request still carrying the old cookie (another tab) is told why, and the session stays ended.
    const after = await state(await t.get('/app/page', cookie));
    assert.deepEqual([after.expired, after.reason], [true, 'idle']);
    // Once the tombstone is forgotten, it is simply absent.
    t.clock.advance(900);
    assert.equal((await state(await t.get('/app/page', cookie))).reason, 'missing');
  });

  it('calls onEnd with the reason before answering, once however many requests meet the ended session', async () => {
    const reasons: string[] = [];
    const t = createTestApp({ onEnd: (_c, reason) => void reasons.push(reason) });
    const cookie = await t.login();
    t.clock.advance(900);
    await t.get('/app/page', cookie);
    assert.deepEqual(reasons, ['idle']);
    await t.get('/app/page', cookie);
    await t.ping(cookie, { idle: 0 });
    assert.deepEqual(reasons, ['idle'], 'another tab meeting the tombstone is not a second end');
  });
});

describe('middleware: an onEnd that throws', () => {
  it('runs again on the next request until it succeeds; meanwhile 503 via onStoreError, the cookie kept', async () => {
    let failures = 2;
    const calls: string[] = [];
    const storeErrors: unknown[] = [];
    const t = createTestApp({
      onEnd: (_c, reason) => {
        calls.push(reason);
        if (failures-- > 0) throw new Error('app session store down');
      },
      onStoreError: (error) => storeErrors.push(error),
    });
    const cookie = await t.login();
    t.clock.advance(900);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const res = await t.get('/app/page', cookie, fetchRequest);
      assert.equal(res.status, 503, `attempt ${attempt}`);
      assert.deepEqual(res.headers.getSetCookie(), [], 'the cookie stays, so the next request retries');
      t.clock.advance(1);
    }
    const ended = await t.get('/app/page', cookie, fetchRequest);
    assert.deepEqual([ended.status, await ended.json()], [401, { expired: true, reason: 'idle' }]);
    assert.match(ended.headers.getSetCookie()[0] ?? '', /Max-Age=0/);
    assert.deepEqual(calls, ['idle', 'idle', 'idle']);
    assert.equal(storeErrors.length, 2);
    // Reported now: never again, from the middleware or the ping.
    await t.get('/app/page', cookie, fetchRequest);
    await t.ping(cookie, { idle: 0 });
    assert.deepEqual(calls, ['idle', 'idle', 'idle']);
  });

  it('with sessionId: a failing onEnd never lets the ended session through as "no session"', async () => {
    const clock = testClock();
    let fail = true;
    const calls: string[] = [];
    const timeout = sessionTimeout({
      expireAfter: 60,
      sessionId: (c) => c.req.header('X-App-Session'),
      required: false,
      now: clock.now,
      onEnd: (_c, reason) => {
        calls.push(reason);
        if (fail) throw new Error('down');
      },
      onStoreError: () => {},
    });
    const app = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c, 'app-1')));
    app.use('/app/*', timeout.middleware);
    app.get('/app/*', (c) => c.json(c.var.sessionTimeout));
    await app.request(`${ORIGIN}/login`, { method: 'POST' });
    clock.advance(60);
    const get = () => app.request(`${ORIGIN}/app/x`, { headers: { 'X-App-Session': 'app-1', ...fetchRequest } });
    assert.equal((await get()).status, 503);
    clock.advance(1);
    assert.equal((await get()).status, 503);
    fail = false;
    clock.advance(1);
    assert.equal((await get()).status, 401);
    // Long after the tombstone is forgotten, the app's id is still answered as ended, never passed through.
    clock.advance(3600);
    assert.equal((await get()).status, 401);
    assert.deepEqual(calls, ['idle', 'idle', 'idle']);
  });
});

describe('middleware: requests without a session', () => {
  it('answers a request without a session as ended by default (required: true): 401 missing, 303 to redirect', async () => {
    const t = createTestApp({ redirect: '/login' });
    const res = await t.get('/app/page', null, fetchRequest);
    assert.deepEqual([res.status, await res.json()], [401, { expired: true, reason: 'missing' }]);
    const nav = await t.get('/app/page', null, navigation);
    assert.deepEqual([nav.status, nav.headers.get('Location')], [303, '/login']);
    const plain = await t.get('/app/page', null); // curl: no fetch metadata, no Accept: text/html
    assert.equal(plain.status, 401);
  });

  it('with required: false, passes a request without a cookie through, saying so in c.var.sessionTimeout', async () => {
    const t = createTestApp({ required: false });
    const res = await t.get('/app/page', null);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { id: null, expired: false, reason: 'missing', remaining: 0, absoluteRemaining: null });
  });

  it('treats a tampered cookie as no session', async () => {
    const t = createTestApp({ required: false });
    const cookie = await t.login();
    const [name, value] = cookie.split('=') as [string, string];
    const [id, signature] = value.split('.') as [string, string];
    const flipped = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [`${flipped}.${signature}`, `${id}.${signature.slice(0, -2)}xx`, id, `${id}.`, '.']) {
      const res = await t.get('/app/page', `${name}=${forged}`);
      assert.match(res.headers.getSetCookie()[0] ?? '', /^session-timeout=; Max-Age=0; Path=\//, `cleared: ${forged}`);
      assert.equal((await state(res)).id, null, forged);
    }
  });

  it('clears a tampered __Host- cookie on https, with Secure', async () => {
    const t = createTestApp({ required: true }, 'https://example.com');
    const [name, value] = (await t.login()).split('=') as [string, string];
    const res = await t.get('/app/page', `${name}=${value.slice(0, -2)}xx`, fetchRequest);
    assert.deepEqual([res.status, await res.json()], [401, { expired: true, reason: 'missing' }]);
    assert.match(res.headers.getSetCookie()[0] ?? '', /^__Host-session-timeout=; Max-Age=0; Path=\/; HttpOnly; Secure/);
  });

  it('sets no cookie for a request that brought none', async () => {
    const t = createTestApp({ required: false });
    assert.deepEqual((await t.get('/app/page', 'theme=dark')).headers.getSetCookie(), []);
  });

  it('treats a validly signed but unknown id as no session', async () => {
    const t = createTestApp({ required: false });
    const other = createTestApp(); // same secret, another store
    const cookie = await other.login();
    assert.equal((await state(await t.get('/app/page', cookie))).reason, 'missing');
  });

  it('ignores a cookie signed with another secret', async () => {
    const t = createTestApp({ required: false });
    const other = createTestApp({ secret: 'another-secret-that-is-at-least-32-characters' });
    const cookie = await other.login();
    assert.equal((await state(await t.get('/app/page', cookie))).id, null);
  });

  it('finds the cookie among others', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    const body = await state(await t.get('/app/page', `theme=dark; x-session-timeout=1; ${cookie}; lang=en`));
    assert.equal(typeof body.id, 'string');
  });

  it('answers 401 missing (or redirects without a reason) when required', async () => {
    const t = createTestApp({ required: true, redirect: '/login?reason=idle' });
    const res = await t.get('/app/page', null, fetchRequest);
    assert.deepEqual([res.status, await res.json()], [401, { expired: true, reason: 'missing' }]);
    const nav = await t.get('/app/page', null, navigation);
    assert.equal(nav.headers.get('Location'), '/login', 'never tells a visitor who was not signed in that they timed out');
  });
});

describe('middleware: never redirects a page to itself (issue 21)', () => {
  /** The common mount: the middleware on every path, the sign-in page among them. */
  function mountedOnEverything(redirect: SessionTimeoutOptions['redirect']) {
    const clock = testClock();
    const timeout = sessionTimeout({ expireAfter: 60, secret: SECRET, now: clock.now, redirect });
    const app = new Hono();
    app.use('*', timeout.middleware);
    app.get('*', (c) => c.json(c.var.sessionTimeout));
    app.post('/login', async (c) => c.text(await timeout.start(c)));
    const get = (path: string, cookie?: string) => app.request(`${ORIGIN}${path}`, { headers: { ...navigation, ...(cookie ? { Cookie: cookie } : {}) } });
    return { app, clock, get };
  }

  it("serves the redirect target itself without a session, as with required: false, and says so once with except()'s fix", async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const { get } = mountedOnEverything('/login');
    const page = await get('/app/home');
    assert.deepEqual([page.status, page.headers.get('Location')], [303, '/login'], 'other pages still go to the sign-in page');
    for (let i = 0; i < 3; i++) {
      const login = await get('/login');
      assert.equal(login.status, 200, 'no 303 /login → /login loop');
      assert.equal((await state(login)).id, null);
    }
    assert.equal(warn.mock.callCount(), 1);
    assert.match(String(warn.mock.calls[0]!.arguments[0]), /GET \/login.*required: false.*except\(\['\/login'\], timeout\.middleware\).*hono\/combine/);
  });

  it('serves the target of an ended session too: the sign-in page learns why (reason idle), and a sign-in goes through', async (t) => {
    t.mock.method(console, 'warn', () => {});
    const { app, clock, get } = mountedOnEverything('/login');
    const login = await app.request(`${ORIGIN}/login`, { method: 'POST', headers: navigation });
    assert.equal(login.status, 200, 'the sign-in form posts to its own page');
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    clock.advance(61);
    const ended = await get('/login?reason=idle', cookie);
    assert.equal(ended.status, 200);
    const { id, reason } = await state(ended);
    assert.deepEqual([id, reason], [null, 'idle']);
  });

  it('with a redirect function, compares the page it answers', async (t) => {
    t.mock.method(console, 'warn', () => {});
    const { get } = mountedOnEverything((c) => `/${c.req.path.split('/')[1]}/login?next=x`);
    assert.equal((await get('/acme/app')).headers.get('Location'), '/acme/login?next=x');
    assert.equal((await get('/acme/login')).status, 200);
  });

  it('still redirects to a page of the same path on another origin', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const { get } = mountedOnEverything('https://auth.example.com/login');
    assert.equal((await get('/login')).status, 303);
    assert.equal(warn.mock.callCount(), 0);
  });
});

describe('middleware: the ping is never activity, whatever the mount order', () => {
  type AppWithState = Hono<{ Variables: SessionTimeoutVariables }>;

  /**
   * A 30 s session, signed in, then 20 s idle, and a ping of `{"idle": 20}` sent by the element's own
   * PingClient (its fetch bound to the app); `mount` puts the middleware and the ping on `app`.
   */
  async function idleTwentySeconds(mount: (app: AppWithState, timeout: ReturnType<typeof sessionTimeout>) => void) {
    const clock = testClock();
    const timeout = sessionTimeout({ expireAfter: 30, secret: SECRET, now: clock.now });
    const app: AppWithState = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c)));
    mount(app, timeout);
    app.get('/app/page', (c) => c.json(c.var.sessionTimeout));
    const login = await app.request(`${ORIGIN}/login`, { method: 'POST' });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const client = new PingClient({
      url: `${ORIGIN}/session/ping`,
      request: { headers: { Cookie: cookie } },
      fetch: async (input, init) => app.request(String(input), init),
    });
    clock.advance(20);
    return { ping: await client.ping(20), client };
  }

  const cases: [string, (app: AppWithState, timeout: ReturnType<typeof sessionTimeout>) => void][] = [
    ['middleware on * first, then the ping', (app, t) => {
      app.use('*', t.middleware);
      app.post('/session/ping', t.ping);
    }],
    ['the ping first, then the middleware on *', (app, t) => {
      app.post('/session/ping', t.ping);
      app.use('*', t.middleware);
    }],
    ['middleware on /session/* first, ping by app.all', (app, t) => {
      app.use('/session/*', t.middleware);
      app.all('/session/ping', t.ping);
    }],
    ['middleware on * first, the ping in a sub-app with its own onError', (app, t) => {
      app.use('*', t.middleware);
      const session = new Hono();
      session.onError((_error, c) => c.text('sub-app error', 500));
      session.post('/ping', t.ping);
      app.route('/session', session);
    }],
    ["middleware on * first, the ping wrapped in the app's own handler", (app, t) => {
      app.use('*', t.middleware);
      app.post('/session/ping', async (c, next) => {
        c.header('X-App', 'wrapped'); // e.g. the app's own logging or headers around the ping
        return t.ping(c, next);
      });
    }],
  ];
  for (const [order, mount] of cases) {
    it(`${order}: the element's {"idle": 20} ping leaves 10 s of a 30 s session`, async () => {
      const { ping, client } = await idleTwentySeconds(mount);
      assert.equal(ping.kind, 'alive');
      assert.equal(ping.kind === 'alive' && ping.remaining, 10);
      // A second ping that credits nothing reads what the store kept.
      const again = await client.ping(1000);
      assert.equal(again.kind === 'alive' && again.remaining, 10, 'the store, too, kept lastActivity 20 s ago');
    });
  }
});

describe('middleware: passive requests', () => {
  it('does not extend the session for the X-Session-Passive: 1 header', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    t.clock.advance(600);
    const body = await state(await t.get('/app/poll', cookie, { 'X-Session-Passive': '1' }));
    assert.equal(body.remaining, 300);
    t.clock.advance(300);
    assert.equal((await t.get('/app/poll', cookie, { 'X-Session-Passive': '1' })).status, 401);
  });

  it('does not extend the session on passive paths, exact or prefix', async () => {
    const t = createTestApp({ passive: ['/app/status', '/app/poll/*'] });
    const cookie = await t.login();
    t.clock.advance(600);
    assert.equal((await state(await t.get('/app/status', cookie))).remaining, 300);
    assert.equal((await state(await t.get('/app/poll/notifications', cookie))).remaining, 300);
    assert.equal((await state(await t.get('/app/status/more', cookie))).remaining, 900, 'an exact path is not a prefix');
  });

  it('takes a predicate', async () => {
    const t = createTestApp({ passive: (c) => c.req.query('poll') === '1' });
    const cookie = await t.login();
    t.clock.advance(600);
    assert.equal((await state(await t.get('/app/page?poll=1', cookie))).remaining, 300);
    assert.equal((await state(await t.get('/app/page', cookie))).remaining, 900);
  });

  it('does not extend the session for a request another site made the browser send, but still guards it (issue 21)', async () => {
    const image = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
    const siblingImage = { ...image, 'Sec-Fetch-Site': 'same-site' };
    const scriptedNavigation = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    const t = createTestApp();
    const cookie = await t.login();
    for (const [name, headers] of [['<img> on another site', image], ['<img> on a sibling subdomain', siblingImage], ['a script-driven navigation', scriptedNavigation]] as const) {
      t.clock.advance(100);
      const res = await t.get('/app/page', cookie, headers);
      assert.equal(res.status, 200, name);
      assert.equal((await state(res)).remaining, 800, `${name}: checked, not counted`);
      assert.equal((await state(await t.get('/app/page', cookie))).remaining, 900, 'a same-origin request still counts');
    }
    t.clock.advance(900);
    assert.equal((await t.get('/app/page', cookie, image)).status, 401, 'an ended session is refused to another site’s request too');
  });

  it('counts a link the user followed from another site, and a fetch from a trusted origin (issue 21)', async () => {
    const t = createTestApp({ origin: 'https://front.example.com' });
    const cookie = await t.login();
    const followedLink = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-User': '?1' };
    const trustedFetch = { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'cors', Origin: 'https://front.example.com' };
    for (const headers of [followedLink, trustedFetch]) {
      t.clock.advance(100);
      assert.equal((await state(await t.get('/app/page', cookie, headers))).remaining, 900, JSON.stringify(headers));
    }
  });

  it('still ends an expired session on a passive request', async () => {
    const t = createTestApp({ passive: '/app/status' });
    const cookie = await t.login();
    t.clock.advance(900);
    assert.equal((await t.get('/app/status', cookie)).status, 401);
  });
});

describe('middleware: the store', () => {
  it('makes one store call per request', async () => {
    const store = new CountingStore();
    const t = createTestApp({ store });
    const cookie = await t.login();
    await t.get('/app/a', cookie);
    await t.get('/app/b', cookie);
    assert.equal(store.touches, 2);
  });

  it('answers 503 with Retry-After when the store fails: neither let through nor ended', async () => {
    const store = new FlakyStore();
    const errors: unknown[] = [];
    const t = createTestApp({ store, redirect: '/login', onStoreError: (error) => errors.push(error) });
    const cookie = await t.login();
    store.failing = true;
    for (const headers of [navigation, fetchRequest, htmx]) {
      const res = await t.get('/app/page', cookie, headers);
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('Retry-After'));
      assert.equal(res.headers.getSetCookie().length, 0, 'the cookie is kept');
    }
    assert.equal(errors.length, 3);
    store.failing = false;
    assert.equal((await t.get('/app/page', cookie)).status, 200);
  });

  it('answers 503 (never 500) when the app\'s sessionId() throws or rejects, reporting it to onStoreError', async () => {
    for (const sessionId of [
      () => {
        throw new Error('session backend down');
      },
      async () => {
        throw new Error('session backend down');
      },
    ]) {
      const errors: unknown[] = [];
      const t = createTestApp({ sessionId, onStoreError: (error) => errors.push(error) });
      const res = await t.get('/app/page', null, fetchRequest);
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('Retry-After'));
      assert.equal(errors.length, 1);
    }
  });

  it('answers 503 (never 500) when onStoreError itself throws', async () => {
    const store = new FlakyStore();
    const t = createTestApp({
      store,
      onStoreError: () => {
        throw new Error('logger down');
      },
    });
    const cookie = await t.login();
    store.failing = true;
    const logged = console.error;
    console.error = () => {};
    try {
      assert.equal((await t.get('/app/page', cookie)).status, 503);
    } finally {
      console.error = logged;
    }
  });

  it('coalesces writes with touchAfter', async () => {
    const store = new CountingStore();
    const t = createTestApp({ store, touchAfter: 60 });
    const cookie = await t.login();
    for (let i = 0; i < 120; i++) {
      t.clock.advance(1);
      await t.get('/app/page', cookie);
    }
    assert.equal(store.touches, 120);
    assert.equal(store.writes, 2, 'one write per 60 s of activity');
  });

  it('writes on every request that moves lastActivity without touchAfter', async () => {
    const store = new CountingStore();
    const t = createTestApp({ store });
    const cookie = await t.login();
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1);
      await t.get('/app/page', cookie);
    }
    assert.equal(store.writes, 5);
  });
});

describe('middleware: keyed on the application session id', () => {
  it('reads the id with sessionId and needs no secret', async () => {
    const clock = testClock();
    const timeout = sessionTimeout({ expireAfter: 60, sessionId: (c) => c.req.header('X-App-Session'), now: clock.now });
    const app = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c, 'app-123')));
    app.use('/app/*', timeout.middleware);
    app.get('/app/*', (c) => c.json(c.var.sessionTimeout));
    assert.equal(await (await app.request(`${ORIGIN}/login`, { method: 'POST' })).text(), 'app-123');
    const live = await app.request(`${ORIGIN}/app/x`, { headers: { 'X-App-Session': 'app-123' } });
    assert.equal(((await live.json()) as SessionTimeoutState).id, 'app-123');
    clock.advance(60);
    const ended = await app.request(`${ORIGIN}/app/x`, { headers: { 'X-App-Session': 'app-123' } });
    assert.equal(ended.status, 401);
    assert.equal(ended.headers.getSetCookie().length, 0, 'no cookie of ours to clear');
  });

  it('answers an id the store does not know as ended, even with required: false (restart, eviction, lost end)', async () => {
    const ends: string[] = [];
    const timeout = sessionTimeout({
      expireAfter: 60,
      sessionId: (c) => c.req.header('X-App-Session'),
      required: false,
      redirect: '/login',
      onEnd: (_c, reason) => void ends.push(reason),
    });
    const app = new Hono();
    app.use('/app/*', timeout.middleware);
    app.get('/app/*', (c) => c.json(c.var.sessionTimeout));
    const unknown = await app.request(`${ORIGIN}/app/x`, { headers: { 'X-App-Session': 'never-started', ...fetchRequest } });
    assert.deepEqual([unknown.status, await unknown.json()], [401, { expired: true, reason: 'missing' }]);
    const nav = await app.request(`${ORIGIN}/app/x`, { headers: { 'X-App-Session': 'never-started', ...navigation } });
    assert.deepEqual([nav.status, nav.headers.get('Location')], [303, '/login']);
    // required: false still serves a request that presents no id at all.
    const anonymous = await app.request(`${ORIGIN}/app/x`);
    assert.deepEqual([anonymous.status, (await anonymous.json()).reason], [200, 'missing']);
    assert.deepEqual(ends, [], 'no end to report: the store never knew this session');
  });

  it('accepts an async sessionId', async () => {
    const timeout = sessionTimeout({ expireAfter: 60, sessionId: async () => 'async-id', secret: SECRET });
    const app = new Hono();
    app.post('/login', async (c) => c.text(await timeout.start(c)));
    app.use('/app/*', timeout.middleware);
    app.get('/app/*', (c) => c.json(c.var.sessionTimeout));
    await app.request(`${ORIGIN}/login`, { method: 'POST' });
    assert.equal(((await (await app.request(`${ORIGIN}/app/x`)).json()) as SessionTimeoutState).id, 'async-id');
  });
});
