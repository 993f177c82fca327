import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono, type Context } from 'hono';
import { isRoutedToPing, markAsPing } from '../../../src/hono/ping-route.js';

/** What isRoutedToPing said, from a middleware mounted on '*' before everything. */
async function routedToPing(mount: (app: Hono) => void, path: string, method = 'POST'): Promise<boolean> {
  let answer: boolean | undefined;
  const app = new Hono();
  app.use('*', async (c, next) => {
    answer = isRoutedToPing(c);
    await next();
  });
  mount(app);
  await app.request(`http://localhost${path}`, { method });
  return answer!;
}

describe('isRoutedToPing', () => {
  const ping = markAsPing((c: Context) => c.body(null, 204));

  it('sees a marked handler matched for this method and path', async () => {
    assert.equal(await routedToPing((app) => app.post('/session/ping', ping), '/session/ping'), true);
    assert.equal(await routedToPing((app) => app.all('/session/ping', ping), '/session/ping', 'GET'), true);
  });

  it('sees it inside a sub-app, with or without its own onError', async () => {
    for (const ownOnError of [false, true]) {
      const mount = (app: Hono) => {
        const sub = new Hono();
        if (ownOnError) sub.onError((_e, c) => c.text('sub', 500));
        sub.post('/ping', ping);
        app.route('/session', sub);
      };
      assert.equal(await routedToPing(mount, '/session/ping'), true, `own onError: ${ownOnError}`);
    }
  });

  it('is false for other routes, other methods and unmarked handlers', async () => {
    assert.equal(await routedToPing((app) => app.post('/session/ping', ping), '/app/page'), false);
    assert.equal(await routedToPing((app) => app.post('/session/ping', ping), '/session/ping', 'GET'), false);
    assert.equal(await routedToPing((app) => app.post('/session/ping', (c) => c.body(null, 204)), '/session/ping'), false);
  });
});
