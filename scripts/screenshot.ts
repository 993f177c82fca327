/**
 * `npm run screenshot`: signs in to the real demo in the system Chromium, waits for the warning
 * and saves docs/warning.png for the README. Run after `npm run build`.
 */
import { launchBrowser, signIn, startDemo } from '../test/e2e/harness.js';

const demo = await startDemo({ warnAfter: 1, expireAfter: 60 });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 480 } });
  await signIn(page, demo.origin);
  await page.fill('#notes', 'Half-way through a long answer…');
  await page.locator('session-timeout [part~=dialog]').waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(1200);
  const path = new URL('../docs/warning.png', import.meta.url).pathname;
  await page.screenshot({ path });
  console.log(`saved ${path}`);
} finally {
  await browser.close();
  await demo.stop();
}
