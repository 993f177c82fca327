/**
 * One server for bench/redis-throughput.ts, chosen by VARIANT; prints `listening <port>` when ready.
 * Every variant answers `POST /login` (starts a session, sets its cookie) and `GET /app/page`
 * (behind the session check, a small text answer).
 *
 *   hono-memory        Hono + sessionTimeout, MemoryStore
 *   hono-redis         Hono + sessionTimeout, RedisStore on node-redis
 *   hono-ioredis       Hono + sessionTimeout, RedisStore on ioredis
 *   express-redis      express + express-session (rolling: true) + connect-redis on node-redis
 *
 * Environment: VARIANT, REDIS_URL, TOUCH_AFTER (s, Hono variants; default 0).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sessionTimeout, MemoryStore } from '../src/hono/index.js';
import { RedisStore } from '../src/hono/store/redis.js';

const variant = process.env.VARIANT ?? 'hono-memory';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
const EXPIRE_AFTER = 900; // s
const ready = (port: number) => console.log(`listening ${port}`);

async function nodeRedis() {
  const { createClient } = await import('redis');
  const client = createClient({ url: redisUrl });
  client.on('error', (error) => console.error('redis:', error.message));
  await client.connect();
  return client;
}

if (variant.startsWith('hono-')) {
  let store;
  if (variant === 'hono-memory') store = new MemoryStore();
  else if (variant === 'hono-redis') store = new RedisStore({ client: await nodeRedis() });
  else if (variant === 'hono-ioredis') {
    const { Redis } = await import('ioredis');
    const client = new Redis(redisUrl);
    client.on('error', (error) => console.error('redis:', error.message));
    store = new RedisStore({ client });
  } else throw new Error(`unknown VARIANT ${variant}`);

  const timeout = sessionTimeout({ expireAfter: EXPIRE_AFTER, secret, store, touchAfter: Number(process.env.TOUCH_AFTER ?? 0) });
  const app = new Hono();
  app.post('/login', async (c) => {
    await timeout.start(c);
    return c.text('ok');
  });
  app.use('/app/*', timeout.middleware);
  app.get('/app/page', (c) => c.text(c.var.sessionTimeout.id ? 'ok' : 'no session'));
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => ready(info.port));
} else if (variant === 'express-redis') {
  const { default: express } = await import('express');
  const { default: session } = await import('express-session');
  const { RedisStore: ConnectRedisStore } = await import('connect-redis');
  const client = await nodeRedis();
  const app = express();
  app.use(
    session({
      store: new ConnectRedisStore({ client }),
      secret,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { maxAge: EXPIRE_AFTER * 1000, httpOnly: true, sameSite: 'lax' },
    }),
  );
  app.post('/login', (req, res) => {
    (req.session as unknown as { user: string }).user = 'bench';
    res.send('ok');
  });
  app.get('/app/page', (req, res) => {
    res.send((req.session as unknown as { user?: string }).user ? 'ok' : 'no session');
  });
  const server = app.listen(0, '127.0.0.1', () => ready((server.address() as { port: number }).port));
} else {
  throw new Error(`unknown VARIANT ${variant}`);
}
