/**
 * One server for bench/server-throughput.mjs, chosen by VARIANT; prints `listening <port>` when ready.
 * Every variant answers `POST /login` (starts a session, sets its cookie), `GET /app/page`
 * (a small text answer; behind the session check where there is one) and `GET /cpu` (the CPU time
 * the process has used, µs; outside the session check).
 *
 *   hono-bare          Hono alone: the same routes, no session check (the baseline)
 *   hono-empty         Hono + an empty `async (c, next) => next()` middleware: the cost of any middleware
 *   hono-empty-sync    Hono + an empty `(c, next) => next()`, not async, as sessionTimeout's middleware
 *                      is: the floor for any middleware (Hono's compose path, the server's promised answer)
 *   hono-timeout       Hono + sessionTimeout middleware, MemoryStore, our signed cookie
 *   hono-timeout-baseline  the same with the sessionTimeout of BASELINE (another checkout's
 *                      src/hono/index.ts), to compare two versions in the same rounds
 *   express-session    express + express-session (rolling: true, its MemoryStore)
 *   express-bare       Express 5 alone: the same routes, no session check (the Express baseline)
 *   express-timeout    Express 5 + session-timeout-element/express's middleware, MemoryStore, our cookie
 *
 * Environment: VARIANT, TOUCH_AFTER (s, hono-timeout; default 0: a store write on every request),
 * BASELINE (hono-timeout-baseline).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sessionTimeout } from '../src/hono/index.js';

const variant = process.env.VARIANT ?? 'hono-timeout';
const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
const EXPIRE_AFTER = 900; // s
const ready = (port: number) => console.log(`listening ${port}`);
/** CPU time this process has used, in µs: lets the runner divide CPU by requests served. */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return String(user + system);
};

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${variant} needs ${name}`);
  return value;
}

function listenHono(app: Hono): void {
  app.get('/cpu', (c) => c.text(cpu()));
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => ready(info.port));
}

if (variant === 'hono-bare') {
  const app = new Hono();
  app.post('/login', (c) => c.text('ok'));
  app.get('/app/page', (c) => c.text('ok'));
  listenHono(app);
} else if (variant === 'hono-empty') {
  const app = new Hono();
  app.post('/login', (c) => c.text('ok'));
  app.use('/app/*', async (_c, next) => next());
  app.get('/app/page', (c) => c.text('ok'));
  listenHono(app);
} else if (variant === 'hono-empty-sync') {
  const app = new Hono();
  app.post('/login', (c) => c.text('ok'));
  app.use('/app/*', (_c, next) => next());
  app.get('/app/page', (c) => c.text('ok'));
  listenHono(app);
} else if (variant === 'hono-timeout' || variant === 'hono-timeout-baseline') {
  const create: typeof sessionTimeout =
    variant === 'hono-timeout' ? sessionTimeout : ((await import(requiredEnv('BASELINE'))) as { sessionTimeout: typeof sessionTimeout }).sessionTimeout;
  const timeout = create({ expireAfter: EXPIRE_AFTER, secret, touchAfter: Number(process.env.TOUCH_AFTER ?? 0) });
  const app = new Hono();
  app.post('/login', async (c) => {
    await timeout.start(c);
    return c.text('ok');
  });
  app.use('/app/*', timeout.middleware);
  // c.get, not c.var: Hono builds a fresh object for every c.var read, an app cost we need not measure.
  app.get('/app/page', (c) => c.text(c.get('sessionTimeout').id ? 'ok' : 'no session'));
  listenHono(app);
} else if (variant === 'express-session') {
  const { default: express } = await import('express');
  const { default: session } = await import('express-session');
  const app = express();
  app.get('/cpu', (_req, res) => {
    res.send(cpu());
  });
  app.use(
    session({
      secret,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: EXPIRE_AFTER * 1000 },
    }),
  );
  app.post('/login', (req, res) => {
    (req.session as unknown as { user: string }).user = 'bench';
    res.send('ok');
  });
  app.get('/app/page', (req, res) => {
    res.send((req.session as unknown as { user?: string }).user ? 'ok' : 'no session');
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    ready(typeof address === 'object' && address ? address.port : 0);
  });
} else if (variant === 'express-bare' || variant === 'express-timeout') {
  const { default: express } = await import('express');
  const { sessionTimeout: expressTimeout } = await import('../src/express/index.js');
  const app = express();
  app.get('/cpu', (_req, res) => {
    res.send(cpu());
  });
  if (variant === 'express-bare') {
    app.post('/login', (_req, res) => {
      res.send('ok');
    });
  } else {
    const timeout = expressTimeout({ expireAfter: EXPIRE_AFTER, secret, touchAfter: Number(process.env.TOUCH_AFTER ?? 0) });
    app.post('/login', async (req, res) => {
      await timeout.start(req, res);
      res.send('ok');
    });
    app.use('/app', timeout.middleware);
  }
  app.get('/app/page', (req, res) => {
    res.send(variant === 'express-bare' || req.sessionTimeout?.id ? 'ok' : 'no session');
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    ready(typeof address === 'object' && address ? address.port : 0);
  });
} else {
  throw new Error(`unknown VARIANT ${variant}`);
}
