// workerd: the DurableObjectStore and its object, driven operation by operation over HTTP so the store
// contract suite (src/hono/testing.ts, published as session-timeout-element/hono/testing) can run from Node against objects living in workerd;
// and, under /handler/, the real handler on that store, whose objects the request picks
// (`X-Objects`): the working ones, ones that throw, or ones that hang (with the store's timeout in
// ms from `X-Store-Timeout`).
import { Hono, type Context } from 'hono';
import { sessionTimeout } from '../../../src/hono/index.js';
import { DurableObjectStore, SessionStoreObject, type SessionNamespace } from '../../../src/hono/store/cloudflare.js';

export { SessionStoreObject };

/** An object whose code throws on every request (a deploy gone wrong, an exceeded limit). */
export class BrokenObject {
  async fetch(): Promise<Response> {
    throw new Error('BrokenObject: this object is broken');
  }
}

/** An object that takes a minute to answer (overloaded, or queued behind a slow request). */
export class HangingObject {
  async fetch(): Promise<Response> {
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    return new Response('null');
  }
}

type Env = { SESSIONS: SessionNamespace; BROKEN: SessionNamespace; HANGING: SessionNamespace };

const SECRET = 'store-worker-secret-that-is-at-least-32-characters';

/** What the store-error hook received, for the suite to read (`GET /handler/store-errors`). */
const storeErrors: string[] = [];

function storeFor(c: Context<{ Bindings: Env }>): DurableObjectStore {
  const objects = c.req.header('X-Objects');
  if (objects === 'broken') return new DurableObjectStore(c.env.BROKEN);
  if (objects === 'hanging') return new DurableObjectStore(c.env.HANGING, { timeout: Number(c.req.header('X-Store-Timeout')) });
  return new DurableObjectStore(c.env.SESSIONS);
}

const timeout = sessionTimeout({
  expireAfter: 900,
  secret: SECRET,
  store: storeFor,
  onStoreError: (error) => void storeErrors.push(error instanceof Error ? error.message : String(error)),
});
const handler = new Hono<{ Bindings: Env }>().basePath('/handler');
handler.post('/login', async (c) => c.json({ id: await timeout.start(c) }));
handler.post('/session/ping', timeout.ping);
handler.use('/app/*', timeout.middleware);
handler.get('/app/*', (c) => c.text('the protected page'));
handler.get('/store-errors', (c) => c.json(storeErrors.splice(0)));

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const [, operation, id] = new URL(request.url).pathname.split('/');
    if (operation === 'health') return new Response('ok');
    if (operation === 'handler') return handler.fetch(request, env);
    const store = new DurableObjectStore(env.SESSIONS);
    const body = (await request.json()) as { now: number; request: never; reported: boolean };
    try {
      const key = decodeURIComponent(id!);
      if (operation === 'create') return Response.json(await store.create(key, body.now, body.request) ?? null);
      if (operation === 'touch') return Response.json(await store.touch(key, body.request));
      if (operation === 'settle') return Response.json(await store.settleEndReport(key, body.reported) ?? null);
      if (operation === 'delete') return Response.json(await store.delete(key) ?? null);
      return new Response('unknown operation', { status: 404 });
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
};
