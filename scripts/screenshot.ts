/**
 * `npm run screenshot`: signs in to the real demo in the system Chromium, waits for the warning
 * and saves docs/warning.png for the README. Run after `npm run build`.
 */
import { launchBrowser, signIn, startDemo } from '../test/e2e/harness.js';

// The real settings of a bank-like site: warn after 14 minutes, sign out after 15.
const demo = await startDemo({ warnAfter: 840, expireAfter: 900, absoluteTimeout: 8 * 3600 });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 720, height: 480 } });
  await context.clock.install();
  const page = await context.newPage();
  await signIn(page, demo.origin);
  await page.fill('#notes', 'Half-way through a long answer…');
  // Fourteen idle minutes pass in the page at once; the server (asked before the warning) agrees.
  await page.route('**/session/ping', (route) =>
    route.fulfill({ json: { remaining: 60, expireAfter: 900, warnAfter: 840, absoluteRemaining: null } }));
  await context.clock.fastForward('14:00');
  await page.locator('session-timeout [part~=dialog]').waitFor({ state: 'visible', timeout: 10_000 });
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const path = new URL('../docs/warning.png', import.meta.url).pathname;
  await page.screenshot({ path, animations: 'disabled' });
  console.log(`saved ${path}`);
} finally {
  await browser.close();
  await demo.stop();
}
