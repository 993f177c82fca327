/**
 * End-to-end harness: the real demo server (a child process on a free port of 127.0.0.1) and the
 * system Chromium driven by playwright-core. A browser or server that cannot start fails the test
 * loudly; nothing here skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface Demo {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `demo/server.ts` with the given timeouts (seconds) and waits until it listens. */
export async function startDemo(timeouts: {
  warnAfter: number;
  expireAfter: number;
  absoluteTimeout?: number;
  /** The element's attributes, when they should differ from the server's. */
  page?: { warnAfter: number; expireAfter: number };
}): Promise<Demo> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      WARN_AFTER: String(timeouts.warnAfter),
      EXPIRE_AFTER: String(timeouts.expireAfter),
      ABSOLUTE_TIMEOUT: String(timeouts.absoluteTimeout ?? 600),
      PAGE_WARN_AFTER: timeouts.page ? String(timeouts.page.warnAfter) : '',
      PAGE_EXPIRE_AFTER: timeouts.page ? String(timeouts.page.expireAfter) : '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo server did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Demo running at (http:\/\/[^/\s]+)/.exec(output);
      if (match?.[1]) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`demo server exited with ${code}:\n${output}`)); });
  });
  return {
    origin,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in through the real login form and waits for the protected page. */
export async function signIn(page: Page, origin: string, username = 'ada'): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.fill('#username', username);
  await Promise.all([page.waitForURL(`${origin}/`), page.click('input[type=submit]')]);
  await page.waitForFunction(() => customElements.get('session-timeout') !== undefined);
}

/** The element's state as its public property reports it. */
export function elementState(page: Page): Promise<string> {
  return page.$eval('session-timeout', (el) => (el as HTMLElement & { state: string }).state);
}

/** A request carrying the context's cookies, made outside any page: no JavaScript of ours runs. */
export async function requestWithCookies(context: BrowserContext, url: string, headers: Record<string, string> = {}) {
  return context.request.get(url, { headers, maxRedirects: 0 });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What {@link demoSuite} gives its tests. */
export interface DemoSuite {
  demo: Demo;
  browser: Browser;
  /**
   * A fresh browser context signed in through the real login form, on the protected page. `clock`
   * installs Playwright's clock first (at `clock.time`, wall-clock ms, when given).
   */
  signedIn(options?: { username?: string; clock?: { time?: number } }): Promise<{ context: BrowserContext; page: Page }>;
  /** A passive check of the session with the context's cookie, as the server answers it: 200 alive, 401 ended. */
  sessionStatus(context: BrowserContext): Promise<number>;
}

/**
 * One demo server and one browser for a `describe` block, started before its tests and stopped after.
 * Use the returned object inside the tests.
 */
export function demoSuite(timeouts: Parameters<typeof startDemo>[0]): DemoSuite {
  const suite: DemoSuite = {
    demo: undefined as unknown as Demo,
    browser: undefined as unknown as Browser,
    async signedIn({ username, clock } = {}) {
      const context = await suite.browser.newContext();
      if (clock) await context.clock.install(clock.time === undefined ? {} : { time: clock.time });
      const page = await context.newPage();
      await signIn(page, suite.demo.origin, username);
      return { context, page };
    },
    async sessionStatus(context) {
      const response = await requestWithCookies(context, `${suite.demo.origin}/api/status`, { 'X-Session-Passive': '1' });
      return response.status();
    },
  };
  before(async () => {
    suite.demo = await startDemo(timeouts);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.demo?.stop();
  });
  return suite;
}

/**
 * A laptop lid closed for `seconds`: the page's clock and timers stop while real time (and the
 * server's clock) go on; on opening, the page's clock jumps by the time that passed, nothing having
 * run meanwhile. Needs `context.clock.install()` before the page loaded.
 */
export async function sleepLaptop(context: BrowserContext, page: Page, seconds: number): Promise<void> {
  // pauseAt must lie ahead of the page's clock, which keeps running until the call lands: pause a
  // little ahead, and take that lead off the jump on waking.
  const lead = 500;
  await context.clock.pauseAt((await page.evaluate(() => Date.now())) + lead);
  const closedAt = Date.now();
  await sleep(seconds * 1000);
  await context.clock.fastForward(Math.max(0, Date.now() - closedAt - lead));
  await context.clock.resume();
}
