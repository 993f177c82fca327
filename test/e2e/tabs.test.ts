/**
 * One browser, one session state: several pages of one browser context against the demo server.
 * Warning after 6 s, end after 14 s; the keep-alive interval is then 4 s (half the warning window).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { click, clickToType, describeInBrowsers, elementState, newTab, part, sleep, sleepLaptop, textOf, waitFor, waitForURL } from './harness.js';

// Long enough windows for three engines side by side on two cores: setting up a context and its tabs there
// can take longer than a 9 s session lasts, and 3 s could pass between two activity messages (Firefox).
const WARN_AFTER = 6;
const EXPIRE_AFTER = 14;
const PING_INTERVAL = 4; // half the warning window (the keep-alive's default)

describeInBrowsers('every tab of the browser agrees', { warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER }, (suite) => {
  /**
   * A signed-in context with `tabCount` pages of the protected page, and (`watchPings`) when each ping
   * was sent: network events, which WebDriver classic lacks.
   */
  async function tabs(tabCount: number, { watchPings = false } = {}) {
    const { context, page: first } = await suite.signedIn();
    const pings: number[] = [];
    const countPings = (page: Page) => watchPings && page.on('request', (request) => {
      if (request.url().endsWith('/session/ping')) pings.push(Date.now());
    });
    countPings(first);
    const pages: Page[] = [first];
    for (let i = 1; i < tabCount; i++) {
      const page = await newTab(context);
      countPings(page);
      await page.goto(`${suite.demo.origin}/`);
      await page.waitForFunction(() => customElements.get('session-timeout') !== undefined);
      pages.push(page);
    }
    return { context, pages, pings };
  }

  /** Types in `page` for `seconds`, or until `done()` holds; the states `watch` showed meanwhile. */
  async function typeFor(page: Page, seconds: number, watch: Page[] = [], done = () => false): Promise<string[]> {
    const seen = new Set<string>();
    await clickToType(page, '#notes');
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until && !done()) {
      await page.keyboard.type('ab', { delay: 30 });
      for (const other of watch) seen.add(await elementState(other));
      await sleep(250);
    }
    return [...seen];
  }

  const noNetworkEvents = suite.unsupported(['webkit'], 'no network events over WebDriver classic (the test counts pings)');
  const noPageClock = suite.unsupported(['webkit'],
    'no script that runs before the page\'s own over WebDriver classic (the test installs a page clock)');

  it('activity in one tab keeps the idle tabs alive, with one keep-alive ping per interval in all; ' +
     'when the leader tab closes, another one takes over the keep-alive pings', noNetworkEvents, async () => {
    const { context, pages, pings } = await tabs(3, { watchPings: true });
    const [a, b, c] = pages as [Page, Page, Page];
    const startedAt = Date.now();
    const states = await typeFor(a, EXPIRE_AFTER + 3, [b, c]);
    const seconds = (Date.now() - startedAt) / 1000;
    assert.deepEqual(states, ['active'], 'the idle tabs never warned');
    assert.equal(await suite.sessionStatus(context), 200, 'the server session is alive');
    const during = pings.filter((at) => at >= startedAt);
    assert.ok(during.length >= 2, `the server heard of the activity: ${during.length} pings`);
    assert.ok(during.length <= Math.ceil(seconds / PING_INTERVAL) + 1,
      `at most one ping per ${PING_INTERVAL} s in all three tabs: ${during.length} in ${seconds} s`);

    // The first tab elected itself leader (and is the one typing): once it closes, the user types on
    // in another, and the pings go on from the tabs left (two of them: not a last one), within the
    // time the session lasts.
    await a.close();
    const closedAt = Date.now();
    const pingsSinceClosed = () => pings.filter((at) => at > closedAt).length;
    await typeFor(b, EXPIRE_AFTER + 2, [], () => pingsSinceClosed() >= 2);
    assert.ok(pingsSinceClosed() >= 2, `pings went on after the leader closed: ${pingsSinceClosed()}`);
    assert.equal(await suite.sessionStatus(context), 200);
    await context.close();
  });

  it('extending in one tab closes the warning in the others within a second', async () => {
    const { context, pages } = await tabs(2);
    const [a, b] = pages as [Page, Page];
    await waitFor(a, part('dialog'), 'visible', (WARN_AFTER + 3) * 1000);
    // Open in both (the same deadline); 4 s, not 2: a loaded run's WebDriver polls of WebKit took longer.
    await waitFor(b, part('dialog'), 'visible', 4000);
    await click(a, part('extend-button'));
    await waitFor(b, part('dialog'), 'hidden', 1000);
    assert.equal(await elementState(b), 'active');
    await context.close();
  });

  it('signing out in one tab signs out the others, without an inactivity message', async () => {
    const { context, pages } = await tabs(2);
    const [a, b] = pages as [Page, Page];
    await a.click('header button[type=submit]');
    await waitForURL(a, `${suite.demo.origin}/login?reason=logout`);
    await waitForURL(b, `${suite.demo.origin}/login?reason=logout`, { timeout: 3000 });
    // Each tab says why: a sign-out, never inactivity.
    for (const tab of [a, b]) assert.equal(await textOf(tab, '.notice'), 'You signed out, in this tab or another one.');
    await context.close();
  });

  it('offline, then online again: no sign-out for a network blip',
    suite.unsupported(['webkit'], 'no offline mode over WebDriver classic'), async () => {
    const { context, pages } = await tabs(1);
    const [page] = pages as [Page];
    await page.setOfflineMode(true);
    await waitFor(page, part('dialog'), 'visible', (WARN_AFTER + 3) * 1000);
    await page.keyboard.press('Enter'); // extend while offline: the ping fails, the page stays signed in
    assert.equal(await elementState(page), 'active');
    await sleep(1000);
    await page.setOfflineMode(false);
    await typeFor(page, 2);
    assert.equal(await elementState(page), 'active');
    assert.equal(await suite.sessionStatus(context), 200, 'the server session survived the blip');
    await context.close();
  });

  // Not beside the others: its tab must open in the page's own window (Firefox opens a new tab in the
  // window last used, which could be another test's).
  it('a background tab\'s title starts with the time left while the warning is open, and is restored when it is shown',
    suite.unsupported(['webkit'], 'WebDriver classic opens MiniBrowser windows, not tabs of one window: a page cannot be put in the background'),
    async () => {
      const { context, page } = await suite.signedIn();
      const titleOf = () => page.evaluate(() => document.title) as Promise<string>;
      const own = await titleOf();
      // A tab of the same window in front: the page's tab is hidden, as when its user switched tabs.
      const front = await context.newPage();
      await front.bringToFront();
      assert.equal(await page.evaluate(() => document.visibilityState), 'hidden', 'the page is a background tab');
      // Polled from Node: a hidden page's animation frames do not run.
      const deadline = Date.now() + (WARN_AFTER + 4) * 1000;
      let title = await titleOf();
      while (!/^\(0:\d\d\) /.test(title) && Date.now() < deadline) {
        await sleep(100);
        title = await titleOf();
      }
      assert.match(title, /^\(0:0[0-8]\) /, `the time left (at most ${EXPIRE_AFTER - WARN_AFTER} s) before the title, got "${title}"`);
      assert.equal(title.replace(/^\(0:\d\d\) /, ''), own, 'the page\'s own title after the prefix');
      await sleep(2200); // a background tab's timers may run once a second
      assert.notEqual(await titleOf(), title, 'it counts down');
      await page.bringToFront();
      await page.waitForFunction((expected) => document.title === expected, { timeout: 3000, polling: 50 }, own);
      assert.equal(await page.evaluate(() => document.visibilityState), 'visible');
      await context.close();
    });

  // One page each, and nothing but time passing (a laptop lid, a clock set apart): side by side. No
  // keys are pressed there (a key sent to a window another test took the focus from is not the user's).
  describe('single pages that only wait, side by side', { concurrency: process.env.E2E_SERIAL ? 1 : 4 }, () => {
    it('a laptop that slept past the deadline signs out at once on waking', noPageClock, async () => {
      const { context, page } = await suite.signedIn({ clock: {} });
      await sleepLaptop(page, EXPIRE_AFTER + 1);
      const wokeAt = Date.now();
      await waitForURL(page, /\/login\?reason=idle/, { timeout: 3000 });
      assert.ok(Date.now() - wokeAt < 3000);
      await context.close();
    });

    it('a laptop that wakes inside the warning window shows the warning with the true time left', noPageClock, async () => {
      const { context, page } = await suite.signedIn({ clock: {} });
      await sleepLaptop(page, WARN_AFTER + 2);
      await waitFor(page, part('dialog'), 'visible', 2000);
      const shown = (await textOf(page, part('countdown')))?.trim() ?? '';
      // The page's clock moved on by the real time the lid was closed, so the true time left is
      // EXPIRE_AFTER less the real time since the page started: at most EXPIRE_AFTER − WARN_AFTER − 2 s
      // (the lid alone was closed WARN_AFTER + 2 s), and not the EXPIRE_AFTER − WARN_AFTER a stale
      // countdown would show. How much less is the machine's: the real time since the page's navigation
      // began (performance.now, which the page clock leaves alone) bounds it, less a second for rounding.
      const sincePageStart = await page.evaluate(() => performance.now() / 1000) as number;
      const [, minutes, seconds] = /^(\d+):(\d\d)$/.exec(shown) ?? [];
      assert.ok(minutes !== undefined, `a countdown: ${shown}`);
      const left = Number(minutes) * 60 + Number(seconds);
      assert.ok(left <= EXPIRE_AFTER - WARN_AFTER - 2, `countdown ${shown}: more than the time left`);
      assert.ok(left >= Math.floor(EXPIRE_AFTER - sincePageStart) - 1,
        `countdown ${shown}: less than the time left, ${(EXPIRE_AFTER - sincePageStart).toFixed(1)} s at the least`);
      await context.close();
    });

    for (const hours of [2, -2]) {
      it(`a client clock ${hours > 0 ? 'ahead' : 'behind'} by ${Math.abs(hours)} h changes nothing`, noPageClock, async () => {
        // The session starts somewhere inside signedIn(), which can take over a second on a loaded
        // machine: the lower bound counts from before it, the upper one from after it.
        const startedAt = Date.now();
        const { context, page } = await suite.signedIn({ clock: { time: Date.now() + hours * 3600_000 } });
        const signedInAt = Date.now();
        await waitFor(page, part('dialog'), 'visible', (WARN_AFTER + 3) * 1000);
        const atMost = (Date.now() - startedAt) / 1000;
        const atLeast = (Date.now() - signedInAt) / 1000;
        assert.ok(atMost >= WARN_AFTER - 0.5, `warned after ${atMost} s, before warn-after`);
        assert.ok(atLeast < WARN_AFTER + 2, `warned only after ${atLeast} s`);
        await click(page, part('extend-button'));
        assert.equal(await elementState(page), 'active');
        assert.equal(await suite.sessionStatus(context), 200);
        await context.close();
      });
    }
  });
  // One test at a time in each engine: each test drives two or three tabs, and two such tests per engine
  // side by side starved Firefox's background tabs on two cores (their sessions ended while another tab
  // was typing).
}, { webkit: true, oneAtATime: true });
