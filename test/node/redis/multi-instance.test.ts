/**
 * Two server processes (A on node-redis, B on ioredis) on different ports share one real Redis:
 * activity through A keeps the session alive on B, sign-out on A ends it on B, and an idle session
 * ends on both. The clock cannot be injected across processes, so this uses a real 2 s expireAfter.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { RedisServer } from './redis-server.js';

const EXPIRE_AFTER = 2; // seconds
const fixture = fileURLToPath(new URL('./fixtures/app.ts', import.meta.url));

interface Instance {
  base: string;
  child: ChildProcess;
  output: () => string;
}

/** Every instance process spawned, started or not: `after` ends them all, so none keeps this file's process alive. */
const children: ChildProcess[] = [];

async function startInstance(name: string, client: string, redisUrl: string, clockAhead = 0): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, INSTANCE: name, CLIENT: client, REDIS_URL: redisUrl, EXPIRE_AFTER: String(EXPIRE_AFTER), PORT: '0', CLOCK_AHEAD: String(clockAhead) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const m = /listening (\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}):\n${output}`)));
    // Generous: beside the other node suites and the build, three processes compiling TypeScript at once
    // took over 20 s to start on a 2-core machine.
    setTimeout(() => reject(new Error(`instance ${name} did not start:\n${output}`)), 60_000).unref();
  });
  return { base: `http://127.0.0.1:${port}`, child, output: () => output };
}

let redis: RedisServer;
let a: Instance;
let b: Instance;
/** Like B, on a server whose clock runs 60 s ahead. */
let ahead: Instance;

before(async () => {
  redis = await RedisServer.start();
  [a, b, ahead] = await Promise.all([
    startInstance('A', 'node-redis', redis.url),
    startInstance('B', 'ioredis', redis.url),
    startInstance('ahead', 'ioredis', redis.url, 60_000),
  ]);
});

after(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    }
  }
  await redis?.close();
});

/** Signs in on `instance`; returns the Cookie header value to present anywhere. */
async function login(instance: Instance): Promise<string> {
  const res = await fetch(`${instance.base}/login`, { method: 'POST' });
  assert.equal(res.status, 200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0]!;
  assert.ok(pair.includes('='), `no session cookie: ${setCookie}`);
  return pair;
}

function get(instance: Instance, path: string, cookie: string, headers: Record<string, string> = {}) {
  return fetch(`${instance.base}${path}`, { headers: { cookie, accept: 'application/json', ...headers } });
}

async function ping(instance: Instance, cookie: string, idle: number) {
  return fetch(`${instance.base}/session/ping`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: instance.base },
    body: JSON.stringify({ idle }),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a session started on A is alive on B', async () => {
  const cookie = await login(a);
  const res = await get(b, '/app/page', cookie);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { instance: string; session: { id: string | null; remaining: number } };
  assert.equal(body.instance, 'B');
  assert.ok(body.session.id);
  assert.ok(body.session.remaining > EXPIRE_AFTER - 0.5 && body.session.remaining <= EXPIRE_AFTER);
});

test('a server whose clock is 60 s ahead judges deadlines by the same clock: nothing ends early, nothing has more than its limit left (issue 21)', async () => {
  const cookie = await login(a);
  const res = await get(ahead, '/app/page', cookie);
  assert.equal(res.status, 200, 'not ended 60 s early');
  const body = (await res.json()) as { session: { remaining: number } };
  assert.ok(body.session.remaining > EXPIRE_AFTER - 0.5 && body.session.remaining <= EXPIRE_AFTER, `remaining ${body.session.remaining}`);

  const started = await login(ahead);
  const onA = (await (await get(a, '/app/page', started)).json()) as { session: { remaining: number } };
  assert.ok(onA.session.remaining > EXPIRE_AFTER - 0.5 && onA.session.remaining <= EXPIRE_AFTER, `remaining on A ${onA.session.remaining}`);
});

test('activity through A keeps the session alive on B past expireAfter', async () => {
  const cookie = await login(a);
  const started = Date.now();
  // Active on A every 0.5 s for 1.5 × expireAfter.
  while (Date.now() - started < EXPIRE_AFTER * 1500) {
    assert.equal((await get(a, '/app/work', cookie)).status, 200);
    await sleep(500);
  }
  // B only checks (passive), and still finds it alive.
  const res = await get(b, '/app/passive', cookie);
  assert.equal(res.status, 200, await res.clone().text());
  // A ping on B ({"idle": 0}, the element's "extend") extends it, and A sees that.
  const pinged = await ping(b, cookie, 0);
  assert.equal(pinged.status, 200);
  const answer = (await pinged.json()) as { remaining: number; expireAfter: number };
  assert.equal(answer.expireAfter, EXPIRE_AFTER);
  assert.ok(answer.remaining > EXPIRE_AFTER - 0.5, `remaining ${answer.remaining}`);
});

test('sign-out on A ends the session on B', async () => {
  const cookie = await login(a);
  assert.equal((await get(b, '/app/page', cookie)).status, 200);
  const out = await fetch(`${a.base}/logout`, { method: 'POST', headers: { cookie } });
  assert.equal(out.status, 204);
  const res = await get(b, '/app/page', cookie);
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { expired: true, reason: 'missing' });
  const pinged = await ping(b, cookie, 0);
  assert.equal(pinged.status, 401, 'a captured ping replayed on another instance does not revive it');
});

test('an idle session ends on both instances, with reason idle', async () => {
  const [first, second] = await Promise.all([login(a), login(b)]);
  // Passive checks while idle do not extend it.
  await sleep(EXPIRE_AFTER * 500);
  assert.equal((await get(b, '/app/passive', first)).status, 200);
  assert.equal((await get(a, '/app/passive', second)).status, 200);
  await sleep(EXPIRE_AFTER * 500 + 200);
  for (const [instance, cookie] of [[b, first], [a, second]] as const) {
    const res = await get(instance, '/app/page', cookie);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { expired: true, reason: 'idle' });
  }
  // The other instance no longer treats them as live either.
  for (const [instance, cookie] of [[a, first], [b, second]] as const) {
    assert.equal((await get(instance, '/app/page', cookie)).status, 401);
  }
  assert.doesNotMatch(a.output() + b.output(), /Error/);
});
