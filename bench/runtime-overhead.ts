/**
 * Runs inside one runtime (Node, Bun or Deno; bundled by bench/runtimes.mjs): the per-request cost
 * of the sessionTimeout middleware against bare Hono, through `app.fetch` in-process, so no HTTP
 * server or load generator shares the 2 cores with what is measured. That leaves out the server's own
 * per-request cost, which the middleware does not add to, so the ratio here is the strict one: over
 * HTTP it is closer to 1.
 *
 * Variants (the same as bench/server-app.ts): bare Hono; Hono with an empty middleware; Hono with
 * sessionTimeout (MemoryStore, our signed cookie, a live session touched on every request).
 * Rounds interleave the variants so drift hits them alike. Prints one JSON line: per round and
 * variant, µs spent (`cost`) on `count` requests; bench/runtimes.mjs takes medians and intervals.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { sessionTimeout } from '../src/hono/index.js';

declare const REQUESTS: number;
declare const ROUNDS: number;

const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
const origin = 'http://localhost';

function appWith(middleware: MiddlewareHandler | null): Hono {
  const app = new Hono();
  if (middleware) app.use('/app/*', middleware);
  app.get('/app/page', (c) => c.text('ok'));
  return app;
}

const timeout = sessionTimeout({ expireAfter: 900, secret });
const login = new Hono();
login.post('/login', async (c) => {
  await timeout.start(c);
  return c.text('ok');
});
const cookie = (await login.request(`${origin}/login`, { method: 'POST' })).headers.get('set-cookie')!.split(';')[0]!;

const variants: Record<string, Hono> = {
  bare: appWith(null),
  empty: appWith(async (_c, next) => next()),
  timeout: appWith(timeout.middleware),
};

async function run(app: Hono, requests: number): Promise<number> {
  const headers = { cookie };
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const res = await app.fetch(new Request(`${origin}/app/page`, { headers }));
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
    await res.text();
  }
  return ((performance.now() - started) * 1000) / requests; // µs per request
}

for (const app of Object.values(variants)) await run(app, REQUESTS / 2); // JIT warm-up, not counted
const names = Object.keys(variants);
const rounds: Record<string, { cost: number; count: number }>[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // The order rotates so that drift hits every variant alike.
  const result: Record<string, { cost: number; count: number }> = {};
  for (const name of names.slice(round % names.length).concat(names.slice(0, round % names.length))) {
    result[name] = { cost: (await run(variants[name]!, REQUESTS)) * REQUESTS, count: REQUESTS };
  }
  rounds.push(result);
}
console.log(JSON.stringify(rounds));
