// Server-side rendering (issue 14): a Node server (Next.js, Remix, Nuxt, SvelteKit…) imports the
// package's browser entries while rendering. Importing them without a DOM must never throw; Lit's
// Node build stands in for the browser's customElements.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('importing the browser entries on a server', () => {
  for (const entry of ['index', 'session-timeout', 'session-timeout-define', 'controller', 'session/coordinator', 'passive-fetch', 'idle/engine']) {
    it(`${entry} imports without a DOM`, async () => {
      assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined', 'no DOM here');
      const module = await import(`../../../src/${entry}.ts`);
      assert.ok(Object.keys(module).length > 0);
    });
  }

  it('the engine works there too', async () => {
    const { IdleEngine } = await import('../../../src/idle/engine.js');
    const engine = new IdleEngine({ warnAfter: 1, expireAfter: 2 });
    assert.equal(engine.state, 'active');
    engine.dispose();
  });
});
