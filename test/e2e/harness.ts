/**
 * End-to-end harness: the real demo server (a child process on a free port of 127.0.0.1) and a real
 * browser driven by puppeteer-core: the system Chromium over CDP, Firefox ESR over WebDriver BiDi;
 * and, for the suites of the core flow, WebKitGTK's MiniBrowser over WebDriver classic through an
 * adapter giving the same puppeteer operations (./webdriver.ts). {@link describeInBrowsers} runs a
 * block once per engine. A browser or server that cannot start fails the test loudly; a test is
 * skipped in an engine only through {@link DemoSuite.unsupported}, and a whole suite in WebKit only
 * through {@link describeInBrowsers}'s `webkit` option, each naming the reason in the report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type BrowserContext, type Cookie, type Page } from 'puppeteer-core';
import { engines, puppeteerConnectOptions, puppeteerLaunchOptions, requireEngines, selectedEngines } from '../engines.mjs';
import { isWebDriverPage, launchWebKit, POLL_MS, urlOf } from './webdriver.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The engines named in `$BROWSERS` (default all three). */
export type E2eEngine = 'chromium' | 'firefox' | 'webkit';
export const e2eEngines: E2eEngine[] = selectedEngines();
requireEngines(e2eEngines);

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
  /** Presence (`CLOSE_AFTER`): off when absent. */
  closeAfter?: number;
  /** The element's attributes, when they should differ from the server's. */
  page?: { warnAfter: number; expireAfter: number };
}): Promise<Demo> {
  // The e2e runner's bundle of demo/server.ts when it gave one (scripts/e2e-bundles.mjs), else the source.
  const bundle = process.env.E2E_DEMO_SERVER;
  const child: ChildProcess = spawn(process.execPath, bundle ? ['--enable-source-maps', bundle] : ['--import', 'tsx', 'demo/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      WARN_AFTER: String(timeouts.warnAfter),
      EXPIRE_AFTER: String(timeouts.expireAfter),
      ABSOLUTE_TIMEOUT: String(timeouts.absoluteTimeout ?? 600),
      CLOSE_AFTER: timeouts.closeAfter ? String(timeouts.closeAfter) : '',
      PAGE_WARN_AFTER: timeouts.page ? String(timeouts.page.warnAfter) : '',
      PAGE_EXPIRE_AFTER: timeouts.page ? String(timeouts.page.expireAfter) : '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    // A server that did not start in time is stopped: left running, it would keep the test process alive.
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`demo server did not start in 20 s:\n${output}`)); }, 20_000);
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

/**
 * The engine's browser for a suite. Under the e2e runner (scripts/e2e.mjs), which keeps a few
 * browsers open across its jobs and hands each job one in `E2E_BROWSER_ENDPOINT`, this connects to
 * that one: launching Firefox costs about 7 s of CPU, Chromium about 4, in every file. Its `close()`
 * then only disconnects, and every caller in the process shares the one connection (Firefox allows a
 * single WebDriver BiDi session at a time), which the last `close()` ends. Run alone, a file launches
 * its own browser. WebKit always starts its own: there one context is one browser (./webdriver.ts).
 * Tests open their pages in browser contexts of their own, never in the default one: a shared
 * browser's default context would carry cookies from one job to the next.
 */
export async function launchBrowser(engine: E2eEngine): Promise<Browser> {
  if (engine === 'webkit') return launchWebKit();
  const endpoint = process.env.E2E_BROWSER_ENDPOINT;
  if (!endpoint) return puppeteer.launch(puppeteerLaunchOptions(engine));
  if (e2eEngines.length !== 1 || e2eEngines[0] !== engine) {
    throw new Error(`E2E_BROWSER_ENDPOINT is a ${e2eEngines.join(',')} browser; asked for ${engine}`);
  }
  shared ??= { users: 0, browser: puppeteer.connect(puppeteerConnectOptions(engine, endpoint)) };
  const connection = shared;
  const browser = await connection.browser;
  connection.users += 1;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    connection.users -= 1;
    if (connection.users > 0) return;
    if (shared === connection) shared = undefined;
    await browser.disconnect();
  };
  // The browser as it is, but for close(); its methods bound to it (puppeteer's use private fields).
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'close') return close;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The connection to the runner's browser, while any suite of this process uses it. */
let shared: { users: number; browser: Promise<Browser> } | undefined;

/**
 * Resolves once the page's URL matches (a string matches exactly) and its document has loaded, with
 * the time (wall-clock ms) the URL was first seen to match: a test timing a navigation takes that,
 * not the end of the new page's load, which a loaded machine can stretch by seconds.
 */
export async function waitForURL(page: Page, url: string | RegExp, { timeout = 10_000 } = {}): Promise<number> {
  const matches = (current: string) => (typeof url === 'string' ? current === url : url.test(current));
  const deadline = Date.now() + timeout;
  let current: string;
  // puppeteer knows a page's URL without asking the browser; WebDriver asks it each time.
  const every = isWebDriverPage(page) ? POLL_MS : 25;
  while (!matches(current = await urlOf(page))) {
    if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for the URL ${url}; still at ${current}`);
    await sleep(every);
  }
  const matchedAt = Date.now();
  // The load has a budget of its own (what is timed is the URL): a URL matched late in `timeout`
  // left a loaded run's login page 1.8 s, and Firefox took longer.
  await page.waitForFunction(() => document.readyState === 'complete', { timeout: Math.max(5000, deadline - Date.now()) });
  return matchedAt;
}

/** The selector of `part` inside the `<session-timeout>` element's shadow root (`host >>> inner`). */
export const part = (name: string) => `session-timeout >>> [part~=${name}]`;

// The helpers below look elements up inside the page, in one call each, and hand back plain values:
// no element handle outlives a call (under load, Firefox dropped handles that puppeteer still held).

/** In the page: the element for `selector`, where `a >>> b` is `b` inside the shadow root of `a`. */
const find = (selector: string): Element | null => {
  let scope: Document | ShadowRoot | null = document;
  let found: Element | null = null;
  for (const step of selector.split(' >>> ')) {
    found = scope?.querySelector(step) ?? null;
    scope = found?.shadowRoot ?? null;
  }
  return found;
};
const findSource = `(${find.toString()})`;

/** Waits until the element matching `selector` is shown (`visible`) or gone or hidden (`hidden`). */
export async function waitFor(page: Page, selector: string, state: 'visible' | 'hidden', timeout = 5000): Promise<void> {
  await page.waitForFunction(`(() => {
    const el = ${findSource}(${JSON.stringify(selector)});
    const shown = !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    return shown === ${state === 'visible'};
  })()`, { polling: 50, timeout });
}

/** The text of the first element matching `selector`, once there is one. */
export async function textOf(page: Page, selector: string): Promise<string | null> {
  await page.waitForFunction(`!!${findSource}(${JSON.stringify(selector)})`, { polling: 50, timeout: 5000 });
  return page.evaluate(`${findSource}(${JSON.stringify(selector)})?.textContent ?? null`) as Promise<string | null>;
}

/** A real (trusted) mouse click at the middle of the element matching `selector`. */
export async function click(page: Page, selector: string): Promise<void> {
  await waitFor(page, selector, 'visible');
  const box = (await page.evaluate(`(() => {
    const { x, y, width, height } = ${findSource}(${JSON.stringify(selector)}).getBoundingClientRect();
    return { x: x + width / 2, y: y + height / 2 };
  })()`)) as { x: number; y: number };
  await page.mouse.click(box.x, box.y);
}

/** How many elements match `selector` now. */
export async function count(page: Page, selector: string): Promise<number> {
  return (await page.$$(selector)).length;
}

/** Signs in through the real login form and waits for the protected page. */
export async function signIn(page: Page, origin: string, username = 'ada'): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.locator('#username').fill(username);
  await page.click('input[type=submit]');
  await waitForURL(page, `${origin}/`);
  await page.waitForFunction(() => customElements.get('session-timeout') !== undefined);
}

/** The element's state as its public property reports it. */
export function elementState(page: Page): Promise<string> {
  return page.$eval('session-timeout', (el) => (el as HTMLElement & { state: string }).state);
}

/**
 * Waits until the element's state is `state`. Polled on a timer, not on animation frames: a page in a
 * background tab has none.
 */
export async function waitForState(page: Page, state: string, timeout = 5000): Promise<void> {
  await page.waitForFunction((expected: string) => (document.querySelector('session-timeout') as HTMLElement & { state: string } | null)?.state === expected,
    { polling: 100, timeout }, state);
}

/** In the page: the element's state (or where the page went without it), and whether `selector` has the focus. */
const stateAndFocus = (page: Page, selector = 'body') => page.evaluate((field: string) => {
  const element = document.querySelector('session-timeout') as HTMLElement & { state: string } | null;
  return { state: element?.state ?? `gone (the page is at ${location.pathname})`, focused: document.activeElement === document.querySelector(field) };
}, selector) as Promise<{ state: string; focused: boolean }>;

/**
 * Makes the session live for the user's next action, as its user would. Tests act soon after signing
 * in, with warn-after of 2 or 3 s, and must not depend on how long the machine took to get there: on
 * a loaded machine the warning opened first, and the test's click fell on its backdrop (a sign-out
 * never sent) or its typing went to the warning's buttons (a space pressed "Stay signed in"; nothing
 * reached the field, so nothing was kept). When the warning is open, this presses "Stay signed in",
 * as the user would before going on. Resolves with the element's state: `active`, unless the session
 * ended first.
 */
export async function staySignedIn(page: Page): Promise<string> {
  if ((await stateAndFocus(page)).state == 'warning') {
    await click(page, part('extend-button'));
    // Not extended (the session ended meanwhile): the state returned says what the element is.
    await waitForState(page, 'active').catch(() => undefined);
  }
  return (await stateAndFocus(page)).state;
}

/**
 * Puts the keyboard in the field at `selector` as the page's user would, while the session is live
 * ({@link staySignedIn}): a real click on it (activity: the page's idle time starts again from here),
 * then a check that the element is `active` and the field has the focus. Fails when the session ended
 * before the test could type.
 */
export async function clickToType(page: Page, selector: string): Promise<void> {
  let now = { state: '', focused: false };
  for (let tries = 1; tries <= 3; tries++) {
    if (await staySignedIn(page) != 'active') break;
    // WebDriver refuses a click on a field the warning covers (it opened since): the next try presses "Stay signed in".
    await page.click(selector).catch(() => undefined);
    now = await stateAndFocus(page, selector);
    if (now.state == 'active' && now.focused) return;
  }
  now = await stateAndFocus(page, selector);
  throw new Error(`could not type in ${selector} while the session was live: the element is ${now.state}` +
    `${now.focused ? '' : ', the field does not have the focus'}`);
}

/** The context's cookies for `origin` (host and path prefix; enough for the demo's one cookie). */
export async function cookiesFor(context: BrowserContext, origin: string): Promise<Cookie[]> {
  const { hostname } = new URL(origin);
  return (await context.cookies()).filter((cookie) => cookie.domain.replace(/^\./, '') === hostname);
}

/** An HTTP answer, read the way the tests read Playwright's: `status()` and lower-case `headers()`. */
export interface PlainResponse {
  status(): number;
  headers(): Record<string, string>;
  text(): string;
}

/**
 * A GET carrying the context's cookies, made outside any page (from Node, with exactly the given
 * headers): no JavaScript of ours runs, and redirects are not followed.
 */
export async function requestWithCookies(context: BrowserContext, url: string, headers: Record<string, string> = {}): Promise<PlainResponse> {
  const cookie = (await cookiesFor(context, url)).filter((c) => new URL(url).pathname.startsWith(c.path))
    .map((c) => `${c.name}=${c.value}`).join('; ');
  const request = httpRequest(url, { headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) } });
  request.end();
  const [response] = (await once(request, 'response')) as [import('node:http').IncomingMessage];
  let body = '';
  for await (const chunk of response) body += chunk;
  const flat = (all: IncomingHttpHeaders) =>
    Object.fromEntries(Object.entries(all).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value ?? '']));
  return { status: () => response.statusCode!, headers: () => flat(response.headers), text: () => body };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** test/e2e/page-clock.js, as text: call it with an offset (ms) in `evaluateOnNewDocument` to install a clock the test can stop and move. */
export const pageClock = readFileSync(fileURLToPath(new URL('./page-clock.js', import.meta.url)), 'utf8');

/**
 * A new page of `context` in a window of its own: a page that is the front tab of its window is
 * visible, as the page a user looks at is; a background tab's timers and animation frames are
 * throttled (Playwright made every page visible too).
 */
export function newTab(context: BrowserContext): Promise<Page> {
  return context.newPage({ type: 'window' });
}

/** What {@link describeInBrowsers} gives its tests. */
export interface DemoSuite {
  engine: E2eEngine;
  demo: Demo;
  browser: Browser;
  /**
   * A fresh browser context signed in through the real login form, on the protected page. `clock`
   * installs a controllable clock in its pages first (at `clock.time`, wall-clock ms, when given):
   * see {@link sleepLaptop}.
   */
  signedIn(options?: { username?: string; clock?: { time?: number } }): Promise<{ context: BrowserContext; page: Page }>;
  /** A passive check of the session with the context's cookie, as the server answers it: 200 alive, 401 ended. */
  sessionStatus(context: BrowserContext): Promise<number>;
  /**
   * `{ skip: reason }` for `it(name, options, fn)` when `engines` lists this suite's engine: a test the
   * driver cannot express there. node:test reports it as skipped, with the reason.
   */
  unsupported(engines: E2eEngine[], reason: string): { skip?: string };
  /**
   * `{ todo: reason }` when `engines` lists this suite's engine: a real defect seen there, not yet
   * fixed. The test still runs and its failure is printed, as TODO, without failing the run.
   */
  knownBug(engines: E2eEngine[], reason: string): { todo?: string };
}

/**
 * One demo server and one browser per engine: `body` runs inside a `describe` block named after the
 * engine, for each engine of {@link e2eEngines}, inside one titled `title`; server and browser are
 * started before the block's tests and stopped after.
 *
 * `webkit`: `true` where the suite runs in WebKit too, else why it cannot (the block is reported as
 * skipped there, with that reason). The core flow's suites run there (the warning and its countdown,
 * extending, idle expiry at the server's time, tabs agreeing); the others check what the server
 * enforces whatever the engine, or lean on what WebDriver classic lacks (network events, preload
 * scripts, new-tab events).
 *
 * The engines run side by side, each with its own server and browser (the e2e runner, scripts/e2e.mjs,
 * runs each file once per engine, with `BROWSERS` naming one). Within an engine, two tests at a time.
 * `oneAtATime`: one test at a time within each engine (for tests that drive several tabs each, or
 * type or press keys: a window opened beside them can take their window's keyboard focus, see
 * requirements.test.ts); a block may still group tests that only wait in a `describe` of its own with
 * a higher `concurrency` (as tabs.test.ts does).
 * E2E_SERIAL=1 runs everything one after another, for a machine too loaded for 2-second warning windows.
 */
export function describeInBrowsers(title: string, timeouts: Parameters<typeof startDemo>[0], body: (suite: DemoSuite) => void,
  { oneAtATime = false, webkit }: { oneAtATime?: boolean; webkit: true | { unsupported: string } }): void {
  const allSerial = Boolean(process.env.E2E_SERIAL);
  describe(title, { concurrency: allSerial ? 1 : Math.max(1, e2eEngines.length) }, () => {
    for (const engine of e2eEngines) {
      if (engine === 'webkit' && webkit !== true) {
        describe(engines.webkit.label, { skip: `not run in WebKit: ${webkit.unsupported}` }, () => {});
      } else {
        describeIn(engine, timeouts, body, oneAtATime || allSerial ? 1 : 2);
      }
    }
  });
}

/** `concurrency`: how many of the block's tests run at once in this engine. */
function describeIn(engine: E2eEngine, timeouts: Parameters<typeof startDemo>[0], body: (suite: DemoSuite) => void,
  concurrency: number): void {
  const label = engines[engine].label;
  describe(label, { concurrency }, () => {
    const suite: DemoSuite = {
      engine,
      demo: undefined as unknown as Demo,
      browser: undefined as unknown as Browser,
      async signedIn({ username, clock } = {}) {
        const context = await suite.browser.createBrowserContext();
        const page = await newTab(context);
        if (clock) await page.evaluateOnNewDocument(`${pageClock}(${clock.time === undefined ? 0 : clock.time - Date.now()})`);
        await signIn(page, suite.demo.origin, username);
        return { context, page };
      },
      async sessionStatus(context) {
        const response = await requestWithCookies(context, `${suite.demo.origin}/api/status`, { 'X-Session-Passive': '1' });
        return response.status();
      },
      unsupported(where, reason) {
        return where.includes(engine) ? { skip: `cannot be driven in ${label}: ${reason}` } : {};
      },
      knownBug(where, reason) {
        return where.includes(engine) ? { todo: `known bug in ${label}: ${reason}` } : {};
      },
    };
    before(async () => {
      // Side by side: each mostly waits (a child process starting). Both are kept for after() even
      // when the other failed to start.
      const [demo, browser] = await Promise.allSettled([startDemo(timeouts), launchBrowser(engine)]);
      if (demo.status == 'fulfilled') suite.demo = demo.value;
      if (browser.status == 'fulfilled') suite.browser = browser.value;
      for (const started of [demo, browser]) if (started.status == 'rejected') throw started.reason;
    });
    after(async () => {
      // Side by side too, and each stopped even when the other fails to.
      const stopped = await Promise.allSettled([suite.browser?.close(), suite.demo?.stop()]);
      for (const result of stopped) if (result.status == 'rejected') throw result.reason;
    });
    body(suite);
  });
}

/**
 * A laptop lid closed for `seconds`: the page's clock and timers stop while real time (and the
 * server's clock) go on; on opening, the page's clock jumps by the time that passed, nothing having
 * run meanwhile. Needs `signedIn({ clock })`.
 */
export async function sleepLaptop(page: Page, seconds: number): Promise<void> {
  await page.evaluate(() => (window as unknown as { __e2eClock: { pause(): void } }).__e2eClock.pause());
  const closedAt = Date.now();
  await sleep(seconds * 1000);
  await page.evaluate((ms) => (window as unknown as { __e2eClock: { wake(ms: number): void } }).__e2eClock.wake(ms), Date.now() - closedAt);
}
