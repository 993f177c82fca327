import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CountingStore, createTestApp, FlakyStore, ORIGIN } from './helpers.js';

type Json = Record<string, unknown>;

async function answer(res: Response): Promise<{ status: number; body: Json | null; cacheControl: string | null }> {
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : null, cacheControl: res.headers.get('Cache-Control') };
}

describe('ping: failures of the app\'s own callbacks', () => {
  it('answers 503 (never 500) when sessionId() throws, and when onStoreError throws too', async () => {
    const errors: unknown[] = [];
    const t = createTestApp({
      sessionId: () => {
        throw new Error('session backend down');
      },
      onStoreError: (error) => {
        errors.push(error);
        throw new Error('logger down');
      },
    });
    const logged = console.error;
    console.error = () => {};
    try {
      const res = await t.ping(null, { idle: 0 });
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('Retry-After'));
      assert.equal(errors.length, 1);
    } finally {
      console.error = logged;
    }
  });
});

describe('ping: an onEnd that throws', () => {
  it('answers 503 and runs onEnd again on the next ping, until it succeeds', async () => {
    let fail = true;
    const calls: string[] = [];
    const t = createTestApp({
      onEnd: (_c, reason) => {
        calls.push(reason);
        if (fail) throw new Error('down');
      },
      onStoreError: () => {},
    });
    const cookie = await t.login();
    t.clock.advance(900);
    assert.equal((await t.ping(cookie, { idle: 900 })).status, 503);
    fail = false;
    const res = await t.ping(cookie, { idle: 900 });
    assert.deepEqual([res.status, await res.json()], [401, { expired: true, reason: 'idle' }]);
    assert.deepEqual(calls, ['idle', 'idle']);
  });
});

describe('ping: the protocol table', () => {
  it('200 for a live session: remaining, expireAfter, warnAfter, absoluteRemaining in seconds', async () => {
    const t = createTestApp({ expireAfter: 900, warnAfter: 840, absoluteTimeout: 3600 });
    const cookie = await t.login();
    t.clock.advance(100);
    const res = await answer(await t.ping(cookie, { idle: 40 }));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { remaining: 860, expireAfter: 900, warnAfter: 840, absoluteRemaining: 3500 });
    assert.equal(res.cacheControl, 'no-store');
  });

  it('200 with absoluteRemaining null without an absolute limit', async () => {
    const t = createTestApp({ expireAfter: 900 });
    const cookie = await t.login();
    const res = await answer(await t.ping(cookie, { idle: 0 }));
    assert.deepEqual(res.body, { remaining: 900, expireAfter: 900, warnAfter: 840, absoluteRemaining: null });
  });

  it('401 missing without a session cookie', async () => {
    const t = createTestApp();
    const res = await answer(await t.ping(null));
    assert.deepEqual([res.status, res.body, res.cacheControl], [401, { expired: true, reason: 'missing' }, 'no-store']);
  });

  it('401 missing for a tampered cookie, and the cookie is cleared', async () => {
    const t = createTestApp();
    const [name, value] = (await t.login()).split('=') as [string, string];
    const raw = await t.ping(`${name}=${value.slice(0, -2)}xx`, { idle: 0 });
    assert.deepEqual([raw.status, await raw.json()], [401, { expired: true, reason: 'missing' }]);
    assert.match(raw.headers.getSetCookie()[0] ?? '', /^session-timeout=; Max-Age=0/);
  });

  it('401 missing without a cookie sets no cookie at all', async () => {
    const t = createTestApp();
    assert.deepEqual((await t.ping(null)).headers.getSetCookie(), []);
  });

  it('401 idle once the session has ended, and it stays ended', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    t.clock.advance(900);
    const raw = await t.ping(cookie, { idle: 900 });
    assert.match(raw.headers.getSetCookie()[0] ?? '', /^session-timeout=; Max-Age=0/, 'the dead cookie is cleared');
    const res = await answer(raw);
    assert.deepEqual([res.status, res.body, res.cacheControl], [401, { expired: true, reason: 'idle' }, 'no-store']);
    // Even an explicit extend cannot revive it: the reason stays known, then the session is forgotten.
    assert.deepEqual((await answer(await t.ping(cookie, { idle: 0 }))).body, { expired: true, reason: 'idle' });
    t.clock.advance(900);
    assert.deepEqual((await answer(await t.ping(cookie, { idle: 0 }))).body, { expired: true, reason: 'missing' });
  });

  it('401 absolute at the absolute limit', async () => {
    const t = createTestApp({ absoluteTimeout: 600 });
    const cookie = await t.login();
    t.clock.advance(600);
    const res = await answer(await t.ping(cookie, { idle: 0 }));
    assert.deepEqual([res.status, res.body], [401, { expired: true, reason: 'absolute' }]);
  });

  for (const [what, body] of [
    ['not JSON', 'idle=0'],
    ['idle missing', {}],
    ['idle negative', { idle: -1 }],
    ['idle NaN', '{"idle": NaN}'],
    ['idle Infinity', '{"idle": 1e999}'],
    ['idle a string', { idle: '0' }],
    ['idle an object', { idle: { s: 0 } }],
    ['idle an array', { idle: [0] }],
    ['the body an array', [{ idle: 0 }]],
  ] as const) {
    it(`400 when ${what}, with an error message`, async () => {
      const t = createTestApp();
      const cookie = await t.login();
      const res = await answer(await t.ping(cookie, body));
      assert.equal(res.status, 400);
      assert.equal(typeof res.body?.error, 'string');
      assert.equal(res.cacheControl, 'no-store');
    });
  }

  it('400 does not touch the session', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    t.clock.advance(899);
    await t.ping(cookie, { idle: 'zero' });
    t.clock.advance(1);
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 401);
  });

  for (const [what, headers] of [
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['Origin null', { Origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: ORIGIN }],
    ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['a foreign Origin and a form Content-Type', { Origin: 'https://evil.example', 'Content-Type': 'text/plain' }],
    ['a foreign Origin and no Content-Type', { Origin: 'https://evil.example', 'Content-Type': '' }],
    ['the same host on another port', { Origin: 'http://localhost:8080' }],
  ] as const) {
    it(`403 for a cross-site request: ${what}`, async () => {
      const t = createTestApp();
      const cookie = await t.login();
      const res = await answer(await t.ping(cookie, { idle: 0 }, headers));
      assert.equal(res.status, 403);
      assert.equal(typeof res.body?.error, 'string');
      assert.equal(res.cacheControl, 'no-store');
    });
  }

  it('accepts a same-origin browser request (Origin and Sec-Fetch-Site) and a non-browser one (neither)', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    assert.equal((await t.ping(cookie, { idle: 0 }, { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' })).status, 200);
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 200);
  });

  it('accepts extra trusted origins given in the origin option', async () => {
    const t = createTestApp({ origin: 'https://app.example' });
    const cookie = await t.login();
    assert.equal((await t.ping(cookie, { idle: 0 }, { Origin: 'https://app.example' })).status, 200);
    assert.equal((await t.ping(cookie, { idle: 0 }, { Origin: 'https://other.example' })).status, 403);
  });

  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    it(`405 with Allow: POST for ${method}`, async () => {
      const t = createTestApp();
      const res = await t.app.request(`${ORIGIN}/session/ping`, { method });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('Allow'), 'POST');
      assert.equal(res.headers.get('Cache-Control'), 'no-store');
    });
  }

  it('413 for a body over 1 KiB, before looking at the session', async () => {
    const t = createTestApp();
    const res = await t.ping(null, JSON.stringify({ idle: 0, pad: 'x'.repeat(1100) }));
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('Cache-Control'), 'no-store');
  });

  it('takes a body of exactly 1 KiB and refuses one byte more (hono/body-limit)', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    const body = (bytes: number) => {
      const start = '{"idle": 0, "pad": "';
      return `${start}${'x'.repeat(bytes - start.length - 2)}"}`;
    };
    assert.equal(body(1024).length, 1024);
    assert.equal((await t.ping(cookie, body(1024))).status, 200);
    assert.equal((await t.ping(cookie, body(1025))).status, 413);
  });

  it('400 for a body that is not UTF-8', async () => {
    const t = createTestApp();
    const res = await t.app.request(`${ORIGIN}/session/ping`, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /UTF-8/);
  });

  it('413 for a chunked body over 1 KiB without Content-Length', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    const chunks = [new TextEncoder().encode('{"idle": 0, "pad": "'), new Uint8Array(2000).fill(0x78)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const res = await t.app.request(`${ORIGIN}/session/ping`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
  });

  it('503 with Retry-After when the store fails, never a 401', async () => {
    const store = new FlakyStore();
    const t = createTestApp({ store, onStoreError: () => {} });
    const cookie = await t.login();
    store.failing = true;
    const raw = await t.ping(cookie, { idle: 0 });
    assert.match(raw.headers.get('Retry-After') ?? '', /^[1-9]\d*$/);
    const res = await answer(raw);
    assert.equal(res.status, 503);
    assert.equal(typeof res.body?.error, 'string');
    assert.equal(res.cacheControl, 'no-store');
    store.failing = false;
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 200, 'the session survives the outage');
  });

  it('checks in the order 405, 403, 413, 400', async () => {
    const t = createTestApp();
    const big = 'x'.repeat(2000);
    const req = (method: string, headers: Record<string, string>, body?: string) =>
      t.app.request(`${ORIGIN}/session/ping`, { method, headers, body });
    assert.equal((await req('PUT', { Origin: 'https://evil.example' }, big)).status, 405);
    assert.equal((await req('POST', { Origin: 'https://evil.example' }, big)).status, 403);
    assert.equal((await req('POST', {}, big)).status, 413);
    assert.equal((await req('POST', {}, 'nope')).status, 400);
  });
});

describe('ping: the server rule lastActivity = max(stored, now − idle)', () => {
  it('is not itself activity: a ping reporting the full idle time does not extend', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    t.clock.advance(500);
    const res = await answer(await t.ping(cookie, { idle: 500 }));
    assert.equal(res.body?.remaining, 400);
  });

  it('ignores a move under one second (network delay wobbling now − idle): no write, no extension', async () => {
    const store = new CountingStore();
    const t = createTestApp({ store });
    const cookie = await t.login();
    t.clock.advance(60);
    await t.ping(cookie, { idle: 59.5 }); // 0.5 s after the activity on record
    assert.equal(store.writes, 0);
    await t.ping(cookie, { idle: 58 });
    assert.equal(store.writes, 1);
    t.clock.advance(0.2);
    await t.ping(cookie, { idle: 0 }); // the explicit "stay signed in" always counts
    assert.equal(store.writes, 2);
  });

  it('writes an explicit "Stay signed in" ({"idle": 0}) whatever touchAfter says (issue 21)', async () => {
    const store = new CountingStore();
    const t = createTestApp({ store, touchAfter: 60 });
    const cookie = await t.login();
    t.clock.advance(30); // within touchAfter of the sign-in
    assert.equal((await answer(await t.ping(cookie, { idle: 0 }))).body?.remaining, 900);
    assert.equal(store.writes, 1);
    t.clock.advance(899);
    assert.equal((await t.ping(cookie, { idle: 899 })).status, 200, 'the session runs from the click, not from the sign-in');
  });

  it('never moves lastActivity back when a tab reports more idle time than stored', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    t.clock.advance(100);
    await t.ping(cookie, { idle: 0 });
    t.clock.advance(100);
    assert.equal((await answer(await t.ping(cookie, { idle: 150 }))).body?.remaining, 800);
  });

  it('extends a session ten and more times, each time by expireAfter from the reported activity', async () => {
    const t = createTestApp({ expireAfter: 60, warnAfter: 50 });
    const cookie = await t.login();
    for (let i = 1; i <= 12; i++) {
      t.clock.advance(55);
      const res = await answer(await t.ping(cookie, { idle: 0 }));
      assert.equal(res.status, 200, `extension ${i}`);
      assert.equal(res.body?.remaining, 60);
    }
    t.clock.advance(59);
    assert.equal((await t.ping(cookie, { idle: 59 })).status, 200);
    t.clock.advance(1);
    assert.equal((await t.ping(cookie, { idle: 60 })).status, 401);
  });

  it('reaches the absolute limit while pinging every few seconds', async () => {
    const t = createTestApp({ expireAfter: 60, warnAfter: 50, absoluteTimeout: 300 });
    const cookie = await t.login();
    let last: Awaited<ReturnType<typeof answer>> | undefined;
    for (let s = 5; s < 300; s += 5) {
      t.clock.advance(5);
      last = await answer(await t.ping(cookie, { idle: 1 }));
      assert.equal(last.status, 200, `at ${s} s`);
    }
    // 295 s in: only 5 s of absolute life left, and remaining says so.
    assert.deepEqual([last?.body?.remaining, last?.body?.absoluteRemaining], [5, 5]);
    t.clock.advance(5);
    const ended = await answer(await t.ping(cookie, { idle: 0 }));
    assert.deepEqual([ended.status, ended.body], [401, { expired: true, reason: 'absolute' }]);
  });

  it('never revives an ended session: a captured ping replayed after expiry is refused', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    t.clock.advance(10);
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 200);
    t.clock.advance(900);
    for (let i = 0; i < 3; i++) assert.equal((await t.ping(cookie, { idle: 0 })).status, 401);
  });

  it('refuses a captured ping replayed after logout', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    assert.equal((await t.ping(cookie, { idle: 0 })).status, 200);
    await t.app.request(`${ORIGIN}/logout`, { method: 'POST', headers: { Cookie: cookie } });
    const res = await answer(await t.ping(cookie, { idle: 0 }));
    assert.deepEqual([res.status, res.body], [401, { expired: true, reason: 'missing' }]);
  });

  it('gives 50 concurrent pings one monotonic deadline', async () => {
    const t = createTestApp();
    const cookie = await t.login();
    t.clock.advance(300);
    const idles = Array.from({ length: 50 }, (_, i) => (i * 7) % 50);
    // The clock stands still, so `remaining` is the deadline: in the order answers complete, it never goes back.
    const completed: number[] = [];
    const answers = await Promise.all(idles.map((idle) => t.ping(cookie, { idle }).then(answer).then((res) => {
      completed.push(res.body!.remaining as number);
      return res;
    })));
    for (const [i, res] of answers.entries()) {
      assert.equal(res.status, 200);
      assert.ok((res.body!.remaining as number) >= 900 - idles[i]!, 'no ping is answered with less than it reported');
    }
    assert.deepEqual(completed, [...completed].sort((a, b) => a - b), 'the deadline never moves back');
    // Every later answer agrees on the deadline the least idle tab set.
    assert.equal((await answer(await t.ping(cookie, { idle: 300 }))).body?.remaining, 900);
  });
});
