/**
 * Issue 10, defect 1 end to end: the page's `warn-after` / `expire-after` disagree with the real demo
 * server's. Whichever way they differ, an idle page is signed out at the server's time: never
 * earlier (the attributes are only a first guess) and never kept alive (pings report the real idle).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowsers, waitForURL } from './harness.js';

const SERVER = { warnAfter: 3, expireAfter: 6 };

for (const [label, page] of [
  ['shorter', { warnAfter: 1, expireAfter: 2 }],
  ['longer', { warnAfter: 20, expireAfter: 40 }],
] as const) {
  describeInBrowsers(`the page's durations ${label} than the server's`, { ...SERVER, page }, (suite) => {
    it(`an idle page is signed out at the server's ${SERVER.expireAfter} s`, async () => {
      const startedAt = Date.now();
      const { context, page: tab } = await suite.signedIn();
      const signedInAt = Date.now();
      await waitForURL(tab, /\/login\?reason=idle/, { timeout: (SERVER.expireAfter + 6) * 1000 });
      const earliest = (Date.now() - signedInAt) / 1000;
      const latest = (Date.now() - startedAt) / 1000;
      assert.ok(latest >= SERVER.expireAfter - 0.5, `signed out after ${latest} s, before the server's ${SERVER.expireAfter} s`);
      assert.ok(earliest <= SERVER.expireAfter + 3, `signed out only after ${earliest} s`);
      assert.equal(await suite.sessionStatus(context), 401, 'ended on the server too');
      await context.close();
    });
  }, { webkit: true });
}
