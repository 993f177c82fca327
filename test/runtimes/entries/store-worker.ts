// workerd: the DurableObjectStore and its object, driven operation by operation over HTTP so the store
// contract suite (src/hono/testing.ts, published as session-timeout-element/hono/testing) can run from Node against objects living in workerd.
import { DurableObjectStore, SessionStoreObject, type SessionNamespace } from '../../../src/hono/cloudflare.js';

export { SessionStoreObject };

export default {
  async fetch(request: Request, env: { SESSIONS: SessionNamespace }): Promise<Response> {
    const [, operation, id] = new URL(request.url).pathname.split('/');
    if (operation === 'health') return new Response('ok');
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
