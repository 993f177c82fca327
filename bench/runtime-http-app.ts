/**
 * For bench/runtimes-http.mjs: bare Hono, Hono + sessionTimeout, and Hono + an empty middleware (the
 * cost of any middleware at all, for scale), each on its own local port, served by whichever runtime
 * runs this bundle (Bun.serve, Deno.serve, or @hono/node-server on Node). Prints
 * `listening <bare port> <sessionTimeout port> <empty-middleware port>`, and with SERVE_BASELINE (set by
 * the runner's BASELINE) a fourth port: sessionTimeout from bench/runtime-http-baseline.ts. `GET /cpu`
 * answers the process's CPU time in µs (`node:process`, which all three provide), so the runner can
 * divide CPU by requests served.
 */
import process from 'node:process';
import { Hono } from 'hono';
import { sessionTimeout } from '../src/hono/index.js';
import { sessionTimeout as baselineSessionTimeout } from './runtime-http-baseline.js';

/** Defined by bench/runtimes-http.mjs's bundler: whether to serve the fourth, baseline, app. */
declare const SERVE_BASELINE: boolean;

declare const Bun: { serve(o: { hostname: string; port: number; fetch: (r: Request) => Response | Promise<Response> }): { port: number } } | undefined;
declare const Deno:
  | { serve(o: { hostname: string; port: number; onListen?: (a: { port: number }) => void }, h: (r: Request) => Response | Promise<Response>): unknown }
  | undefined;

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return String(user + system);
};

const bare = new Hono();
bare.get('/cpu', (c) => c.text(cpu()));
bare.get('/app/page', (c) => c.text('ok'));

function guardedBy(create: typeof sessionTimeout): Hono {
  const timeout = create({ expireAfter: 900, secret: 'bench-secret-bench-secret-bench-secret-0123456789' });
  const app = new Hono();
  app.get('/cpu', (c) => c.text(cpu()));
  app.post('/login', async (c) => {
    await timeout.start(c);
    return c.text('ok');
  });
  app.use('/app/*', timeout.middleware);
  app.get('/app/page', (c) => c.text(c.get('sessionTimeout').id ? 'ok' : 'no session'));
  return app;
}
const guarded = guardedBy(sessionTimeout);

const empty = new Hono();
empty.get('/cpu', (c) => c.text(cpu()));
empty.use('/app/*', async (_c, next) => next());
empty.get('/app/page', (c) => c.text('ok'));

async function listen(app: Hono): Promise<number> {
  if (typeof Bun !== 'undefined') return Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch }).port;
  if (typeof Deno !== 'undefined') {
    return new Promise((resolve) => Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => resolve(port) }, app.fetch));
  }
  const { serve } = await import('@hono/node-server');
  return new Promise((resolve) => serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port)));
}

const ports = [await listen(bare), await listen(guarded), await listen(empty)];
if (SERVE_BASELINE) ports.push(await listen(guardedBy(baselineSessionTimeout)));
console.log(`listening ${ports.join(' ')}`);
