/**
 * Issue 10, defect 1 end to end: the page's `warn-after` / `expire-after` disagree with the real demo
 * server's. Whichever way they differ, an idle page is signed out at the server's time: never
 * earlier (the attributes are only a first guess) and never kept alive (pings report the real idle).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowsers, newTab, requestWithCookies, signIn, startDemo, waitForURL } from './harness.js';

const SERVER = { warnAfter: 3, expireAfter: 6 };
const SHORTER = { warnAfter: 1, expireAfter: 2 };
const LONGER = { warnAfter: 20, expireAfter: 40 };

// One browser per engine for both cases, side by side (each only waits for the server's idle time):
// the block's demo server has the shorter durations on its page, the other case starts its own.
describeInBrowsers('the page\'s durations differ from the server\'s', { ...SERVER, page: SHORTER }, (suite) => {
  for (const [label, page] of [['shorter', SHORTER], ['longer', LONGER]] as const) {
    it(`${label} than the server's: an idle page is signed out at the server's ${SERVER.expireAfter} s`, async () => {
      const demo = page == SHORTER ? suite.demo : await startDemo({ ...SERVER, page });
      try {
        const startedAt = Date.now();
        const context = await suite.browser.createBrowserContext();
        const tab = await newTab(context);
        await signIn(tab, demo.origin);
        const signedInAt = Date.now();
        const leftAt = await waitForURL(tab, /\/login\?reason=idle/, { timeout: (SERVER.expireAfter + 6) * 1000 });
        const earliest = (leftAt - signedInAt) / 1000;
        const latest = (leftAt - startedAt) / 1000;
        assert.ok(latest >= SERVER.expireAfter - 0.5, `signed out after ${latest} s, before the server's ${SERVER.expireAfter} s`);
        assert.ok(earliest <= SERVER.expireAfter + 3, `signed out only after ${earliest} s`);
        const status = await requestWithCookies(context, `${demo.origin}/api/status`, { 'X-Session-Passive': '1' });
        assert.equal(status.status(), 401, 'ended on the server too');
        await context.close();
      } finally {
        if (demo != suite.demo) await demo.stop();
      }
    });
  }
}, { webkit: true });
