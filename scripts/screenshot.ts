/**
 * `npm run screenshot`: signs in to the real demo in the system Chromium, waits for the warning
 * and saves docs/warning.png for the README, and the same in Arabic, right to left, as
 * docs/warning-ar.png. Run after `npm run build`.
 */
import { launchBrowser, newTab, pageClock, part, signIn, startDemo } from '../test/e2e/harness.js';

// The real settings of a bank-like site: warn after 14 minutes, sign out after 15.
const demo = await startDemo({ warnAfter: 840, expireAfter: 900, absoluteTimeout: 8 * 3600 });
const browser = await launchBrowser('chromium');
try {
  for (const lang of ['en', 'ar']) await screenshot(lang);
} finally {
  await browser.close();
  await demo.stop();
}

async function screenshot(lang: string) {
  const context = await browser.createBrowserContext();
  const page = await newTab(context);
  await page.setViewport({ width: 720, height: 480 });
  // No animation in the picture: the element honours reduced motion.
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.evaluateOnNewDocument(`${pageClock}(0)`);
  await page.goto(`${demo.origin}/login?lang=${lang}`); // the demo remembers the language chosen
  await signIn(page, demo.origin);
  await page.locator('#notes').fill(lang == 'ar' ? 'في منتصف إجابة طويلة…' : 'Half-way through a long answer…');
  // Fourteen idle minutes pass in the page at once; the server (asked before the warning) agrees.
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (!request.url().endsWith('/session/ping')) return void request.continue();
    void request.respond({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ remaining: 60, expireAfter: 900, warnAfter: 840, absoluteRemaining: null }),
    });
  });
  await page.evaluate(() => (window as unknown as { __e2eClock: { wake(ms: number): void } }).__e2eClock.wake(14 * 60_000));
  await page.waitForSelector(part('dialog'), { visible: true, timeout: 10_000 });
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const path = new URL(`../docs/warning${lang == 'en' ? '' : `-${lang}`}.png`, import.meta.url).pathname as `${string}.png`;
  await page.screenshot({ path });
  console.log(`saved ${path}`);
  await context.close();
}
