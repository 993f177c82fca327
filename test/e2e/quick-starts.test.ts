// README's quick starts run as written (issue 22). The drop-in quick start (examples/snippets/quick-start.ts,
// README's "HTML drop-in with Hono") is copied as server.ts into a fresh project directory whose node_modules
// holds this package (as `npm install session-timeout-element hono @hono/node-server tsx` would), started with
// `npx tsx server.ts`'s loader, and visited in a real browser: sign in, the element is upgraded, its first
// ping adopted the server's durations, and the drop-in's language modules are served beside it.
// React, Vue and Next.js quick starts need a bundler this repository does not have: they are type-checked
// against the built package instead (test/package/readme-snippets.test.ts, test/package/examples.test.ts).
// The demo's page views are checked here too: no console error on a normal page view.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'puppeteer-core';
import { e2eEngines, launchBrowser, signIn, startDemo, waitForURL, type Demo } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// puppeteer drives Chromium and Firefox; WebKit's driver (test/e2e/webdriver.ts) lacks console events.
const engines = e2eEngines.filter((engine) => engine !== 'webkit');

/** A project directory with server.ts and node_modules as the README's install lines leave them. */
function quickStartProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'session-timeout-quick-start-'));
  mkdirSync(join(dir, 'node_modules', '@hono'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'session-timeout-element'), 'dir');
  for (const name of ['hono', '@hono/node-server', 'tsx']) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  copyFileSync(join(root, 'examples', 'snippets', 'quick-start.ts'), join(dir, 'server.ts'));
  return dir;
}

/** `npx tsx server.ts` in `dir` on a free port; resolves with its origin once it listens. */
async function startServer(dir: string): Promise<{ origin: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: dir,
    env: { ...process.env, PORT: '0', SESSION_SECRET: 'a quick-start secret of 32 characters or more' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server.ts did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /http:\/\/localhost:(\d+)\//.exec(output)?.[1];
      if (port) { clearTimeout(timer); resolve(`http://127.0.0.1:${port}`); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server.ts exited with ${code}:\n${output}`)); });
  });
  return { origin, child, output: () => output };
}

/** Console errors and uncaught exceptions of a page, as text. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => { if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url ?? ''}`); });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

for (const engine of engines) {
  describe(`README's drop-in quick start runs as written (${engine})`, () => {
    let dir: string;
    let server: Awaited<ReturnType<typeof startServer>>;
    let browser: Browser;
    let context: BrowserContext; // its own, not the browser's default one (see launchBrowser)
    before(async () => {
      dir = quickStartProject();
      server = await startServer(dir);
      browser = await launchBrowser(engine);
      context = await browser.createBrowserContext();
    });
    after(async () => {
      await context?.close();
      await browser?.close();
      if (server && server.child.exitCode === null) { server.child.kill('SIGTERM'); await new Promise((resolve) => server.child.once('exit', resolve)); }
      rmSync(dir, { recursive: true, force: true });
    });

    it('signs in, and the page has the element upgraded, talking to the server', async () => {
      const page = await context.newPage();
      await page.goto(`${server.origin}/`);
      await waitForURL(page, `${server.origin}/login`);
      await page.locator('input[name=user]').fill('ada');
      await page.click('button');
      await waitForURL(page, `${server.origin}/`);
      await page.waitForFunction(() => {
        const element = document.querySelector('session-timeout') as (Element & { state?: string; durations?: { expireAfter: number } }) | null;
        return element instanceof (customElements.get('session-timeout') ?? class {}) && element.state === 'active' && element.durations?.expireAfter === 900;
      }, { timeout: 10_000 });
      const locale = await page.evaluate(async () => (await fetch('/session-timeout/locales/de.js')).status);
      assert.equal(locale, 200, 'the drop-in\'s language modules are served beside it');
      await page.close();
    });

    it('"Sign out" ends the session, and the sign-in page says so', async () => {
      const page = await context.newPage();
      await page.goto(`${server.origin}/login`);
      await page.locator('input[name=user]').fill('grace');
      await page.click('button');
      await waitForURL(page, `${server.origin}/`);
      await page.click('form[action="/logout"] button');
      await waitForURL(page, `${server.origin}/login?reason=logout`);
      assert.match(await page.evaluate(() => document.body.textContent ?? ''), /You signed out\./);
      await page.goto(`${server.origin}/`);
      await waitForURL(page, `${server.origin}/login`);
      await page.close();
    });
  });

  describe(`the demo's pages log no console error (${engine})`, () => {
    let demo: Demo;
    let browser: Browser;
    let context: BrowserContext; // its own, not the browser's default one (see launchBrowser)
    before(async () => {
      demo = await startDemo({ warnAfter: 30, expireAfter: 60 });
      browser = await launchBrowser(engine);
      context = await browser.createBrowserContext();
    });
    after(async () => {
      await context?.close();
      await browser?.close();
      await demo?.stop();
    });

    it('the sign-in page and the signed-in page', async () => {
      const page = await context.newPage();
      const errors = errorsOf(page);
      await signIn(page, demo.origin);
      // The favicon request and the element's start-up ping have had time to answer.
      await page.waitForNetworkIdle({ idleTime: 300, timeout: 5000 });
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
