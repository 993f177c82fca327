/**
 * The app every runtime serves in the protocol suite: the real handler from `src/hono`, mounted the
 * way the README shows, with a clock the suite moves by hand (`POST /__test/advance`) so idle expiry
 * takes no real waiting. Only Web APIs here: this file is bundled for Node, Bun, Deno and workerd.
 */
import { Hono } from 'hono';
import { MemoryStore, sessionTimeout } from '../../src/hono/index.js';

/** Used where the runtime has no bindings (Node, Bun, Deno); workerd passes its own through `c.env`. */
export const FALLBACK_SECRET = 'runtime-suite-secret-that-is-at-least-32-characters';
export const EXPIRE_AFTER = 900;

type Env = { Bindings: { SESSION_SECRET?: string } };

export function createRuntimeApp(): Hono<Env> {
  let offset = 0;
  const store = new MemoryStore();
  const timeout = sessionTimeout({
    expireAfter: EXPIRE_AFTER,
    redirect: '/login',
    now: () => Date.now() + offset,
    // Both per-request (contract §7), as a Workers app has to write them.
    store: () => store,
    secret: (c) => (c.env as Env['Bindings'] | undefined)?.SESSION_SECRET ?? FALLBACK_SECRET,
  });

  const app = new Hono<Env>();
  app.get('/health', (c) => c.text('ok'));
  // Where the secret came from, so the suite can tell a workerd binding really reached `c.env`.
  app.get('/__test/secret-source', (c) => c.text((c.env as Env['Bindings'] | undefined)?.SESSION_SECRET ? 'binding' : 'fallback'));
  app.post('/__test/advance', async (c) => {
    offset += Number(c.req.query('seconds')) * 1000;
    return c.body(null, 204);
  });
  app.post('/login', async (c) => c.json({ id: await timeout.start(c) }));
  app.post('/session/ping', timeout.ping);
  app.use('/app/*', timeout.middleware);
  app.get('/app/*', (c) => c.json(c.var.sessionTimeout));
  return app;
}
