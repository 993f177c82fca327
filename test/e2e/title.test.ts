/**
 * The countdown in the title of a background tab (issue 23): the demo's page warns while another tab of
 * its window is in front, so its own tab is hidden; the title starts with the time left, counts down,
 * and is the page's own again, exactly, once the tab is shown. Warning after 3 s, end after 30 s.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { describeInBrowsers, sleep } from './harness.js';

const WARN_AFTER = 3;
const EXPIRE_AFTER = 30;

const titleOf = (page: Page) => page.evaluate(() => document.title) as Promise<string>;
const visibilityOf = (page: Page) => page.evaluate(() => document.visibilityState) as Promise<string>;

describeInBrowsers('the countdown in a background tab\'s title', { warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER }, (suite) => {
  it('a hidden tab\'s title starts with the time left while the warning is open, and is restored when it is shown', async () => {
    const { context, page } = await suite.signedIn();
    const own = await titleOf(page);
    // A tab of the same window in front: the page's tab is hidden, as when its user switched tabs.
    const front = await context.newPage();
    await front.bringToFront();
    assert.equal(await visibilityOf(page), 'hidden', 'the page is a background tab');

    // Polled from Node: a hidden page's animation frames do not run.
    const deadline = Date.now() + (WARN_AFTER + 6) * 1000;
    let title = await titleOf(page);
    while (!/^\(0:\d\d\) /.test(title) && Date.now() < deadline) {
      await sleep(100);
      title = await titleOf(page);
    }
    assert.match(title, /^\(0:(2\d|30)\) /, `the time left before the title, got "${title}"`);
    assert.equal(title.replace(/^\(0:\d\d\) /, ''), own, 'the page\'s own title after the prefix');
    const first = title;
    await sleep(2200); // timers of a background tab may run once a second
    assert.notEqual(await titleOf(page), first, 'it counts down');

    await page.bringToFront();
    await page.waitForFunction((expected) => document.title === expected, { timeout: 3000, polling: 50 }, own);
    assert.equal(await visibilityOf(page), 'visible');
    await context.close();
  });
}, { webkit: { unsupported: 'WebDriver classic opens MiniBrowser windows, not tabs of one window: a page cannot be put in the background' } });
