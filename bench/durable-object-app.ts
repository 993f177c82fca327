/**
 * The worker for bench/durable-object-latency.ts, served by local workerd: the same page bare, behind
 * sessionTimeout with a MemoryStore, and behind sessionTimeout with the DurableObjectStore, so the
 * object's added latency per request is the difference between the last two.
 */
import { Hono } from 'hono';
import { DurableObjectStore, SessionStoreObject, type SessionNamespace } from '../src/hono/store/cloudflare.js';
import { MemoryStore, sessionTimeout, type SessionTimeout } from '../src/hono/index.js';

export { SessionStoreObject };

type Env = { Bindings: { SESSIONS: SessionNamespace; SESSION_SECRET: string } };

const memory = sessionTimeout({ expireAfter: 900, cookie: { name: 'memory' }, secret: (c) => c.env.SESSION_SECRET, store: new MemoryStore() });
const durable = sessionTimeout({
  expireAfter: 900,
  cookie: { name: 'durable' },
  secret: (c) => c.env.SESSION_SECRET,
  store: (c) => new DurableObjectStore(c.env.SESSIONS),
});

const app = new Hono<Env>();
app.get('/health', (c) => c.text('ok'));
app.get('/bare/page', (c) => c.text('ok'));
const mount = (prefix: string, timeout: SessionTimeout) => {
  app.post(`/${prefix}/login`, async (c) => {
    await timeout.start(c);
    return c.text('ok');
  });
  app.use(`/${prefix}/app/*`, timeout.middleware);
  app.get(`/${prefix}/app/page`, (c) => c.text('ok'));
};
mount('memory', memory);
mount('durable', durable);

export default app;
