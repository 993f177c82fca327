/**
 * Presence pings per browser: the real demo with CLOSE_AFTER = 3 s (so a presence ping is due every
 * second) and 1, 3 and 6 open tabs of one signed-in user in one Chromium context, nobody typing, for
 * DURATION seconds each; pings counted at the browser (puppeteer request events), whichever tab sent
 * them. Budget: at most 3 per closeAfter per browser, whatever the number of tabs.
 *
 * Run after `npm run build`:  node --import tsx bench/presence-pings.ts      (DURATION=15 by default)
 */
import type { Page } from 'puppeteer-core';
import { launchBrowser, newTab, signIn, sleep, startDemo } from '../test/e2e/harness.js';

const DURATION = Number(process.env.DURATION ?? 15);
const CLOSE_AFTER = 3;

// Long idle limits: only presence sends pings here (no warning, no end, no input).
const demo = await startDemo({ warnAfter: 840, expireAfter: 900, closeAfter: CLOSE_AFTER });
const browser = await launchBrowser('chromium');
const rows: string[] = [];
try {
  for (const tabs of [1, 3, 6]) {
    const context = await browser.createBrowserContext();
    const pings: Array<{ at: number; tab: number }> = [];
    const tab = async (index: number): Promise<Page> => {
      const page = await newTab(context); // each a visible page of its own window
      page.on('request', (request) => {
        if (request.url().endsWith('/session/ping')) pings.push({ at: Date.now(), tab: index });
      });
      return page;
    };
    const first = await tab(0);
    await signIn(first, demo.origin);
    for (let i = 1; i < tabs; i++) {
      const page = await tab(i);
      await page.goto(`${demo.origin}/`);
      await page.waitForFunction(() => customElements.get('session-timeout') !== undefined);
    }
    await sleep(1000); // the last tab heard the others
    const start = Date.now();
    await sleep(DURATION * 1000);
    const seconds = (Date.now() - start) / 1000;
    const during = pings.filter((ping) => ping.at >= start);
    const perCloseAfter = during.length / (seconds / CLOSE_AFTER);
    const byTab = Array.from({ length: tabs }, (_, i) => during.filter((ping) => ping.tab == i).length);
    rows.push(`| ${tabs} | ${seconds.toFixed(1)} s | ${during.length} | **${perCloseAfter.toFixed(2)}** | ${byTab.join(' / ')} |`);
    await context.close();
  }
  console.log(`node ${process.version}, Chromium, closeAfter ${CLOSE_AFTER} s, idle user, ${DURATION} s per row (budget ≤ 3 per closeAfter)`);
  console.log('| tabs | counted for | pings | per closeAfter | by tab |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  await browser.close();
  await demo.stop();
}
