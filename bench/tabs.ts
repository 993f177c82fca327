/**
 * Keep-alive traffic of several tabs, against the real demo server in the system Chromium (puppeteer-core):
 *
 *  1. pings per minute sent by 5 open tabs of one user who types in one of them the whole minute
 *     (budget: ≤ 60 / ping-interval in total);
 *  2. timer callbacks in a hidden, idle tab during that minute, before its warning (budget: 0);
 *  3. pings while the tabs open (each page load is itself a request the server counts): 0.
 *
 * Run after `npm run build`:  node --import tsx bench/tabs.ts      (DURATION=60 seconds by default)
 * The demo runs with warn-after 840 and expire-after 900, so ping-interval is 30 s (half the warning
 * window): at most 2 pings a minute.
 */
import type { Page } from 'puppeteer-core';
import { launchBrowser, newTab, signIn, sleep, startDemo } from '../test/e2e/harness.js';

const DURATION = Number(process.env.DURATION ?? 60);
const PING_INTERVAL = 30;

// Counts timer callbacks in the page from its very start, before the element's script runs (sent
// as text: the TypeScript loader's helpers do not exist in the page).
const countTimers = `{
  const counts = { set: 0, fired: 0 };
  window.timerCounts = counts;
  const original = window.setTimeout.bind(window);
  window.setTimeout = (callback, ms) => {
    counts.set++;
    return original(() => {
      counts.fired++;
      callback();
    }, ms);
  };
}`;

const demo = await startDemo({ warnAfter: 840, expireAfter: 900 });
const browser = await launchBrowser('chromium');
try {
  const context = await browser.createBrowserContext();
  const pings: number[] = [];
  // Each tab a visible page of its own window, counting its timers and its pings.
  const tab = async (): Promise<Page> => {
    const page = await newTab(context);
    await page.evaluateOnNewDocument(countTimers);
    page.on('request', (request) => {
      if (request.url().endsWith('/session/ping')) pings.push(Date.now());
    });
    return page;
  };
  const first = await tab();
  await signIn(first, demo.origin);
  const pages = [first];
  for (let i = 1; i < 5; i++) {
    const page = await tab();
    await page.goto(`${demo.origin}/`);
    pages.push(page);
  }
  // The last tab is hidden, like a background tab (the document reports it and fires visibilitychange).
  const hidden = pages[4]!;
  const cdp = await hidden.createCDPSession();
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  await hidden.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await sleep(1000);
  const before = await hidden.evaluate(() => ({ ...(window as unknown as { timerCounts: { set: number; fired: number } }).timerCounts }));

  const start = Date.now();
  await first.bringToFront();
  await first.click('#notes');
  while (Date.now() - start < DURATION * 1000) {
    await first.keyboard.type('typing ', { delay: 40 });
    await sleep(200);
  }
  const seconds = (Date.now() - start) / 1000;
  const after = await hidden.evaluate(() => ({ ...(window as unknown as { timerCounts: { set: number; fired: number } }).timerCounts }));
  const sent = pings.filter((at) => at >= start).length;
  const perMinute = (sent / seconds) * 60;
  const state = await hidden.$eval('session-timeout', (el) => (el as HTMLElement & { state: string }).state);

  console.log(`node ${process.version}, ${seconds.toFixed(1)} s of typing in tab 1 of 5, ping-interval ${PING_INTERVAL} s`);
  console.log(`pings while the 5 tabs opened (their page loads already told the server): ${pings.length - sent}`);
  console.log(`pings sent by all 5 tabs: ${sent} (${perMinute.toFixed(2)} per minute; budget ≤ ${60 / PING_INTERVAL})`);
  console.log(`hidden idle tab: ${after.fired - before.fired} timer callbacks, ${after.set - before.set} setTimeout calls ` +
              `in ${seconds.toFixed(1)} s (budget 0 callbacks); its state: ${state}`);
} finally {
  await browser.close();
  await demo.stop();
}
