/**
 * WebKit for the end-to-end suite: WebKitGTK's MiniBrowser driven over WebDriver classic (plain HTTP
 * to `WebKitWebDriver`), seen through the few puppeteer-core operations the core-flow tests use, so
 * the same tests run unchanged. One browser context is one WebDriver session, which here means one
 * `WebKitWebDriver` and one MiniBrowser of its own (the driver allows a single session, and each
 * session starts with empty cookies); one page is one window of that session.
 *
 * WebDriver classic has no network events, no script that runs before a page's own, no offline mode,
 * and reads cookies only through an open page of their site. A test that needs one of those is skipped
 * in WebKit with `suite.unsupported(...)`; calling an operation this adapter lacks throws, naming it.
 */
import type { Browser, BrowserContext, Cookie, Page } from 'puppeteer-core';
import { startWebKitDriver } from '../engines.mjs';

/** WebDriver's key codes for the named keys the tests press; any other key is its own character. */
const keyCodes: Record<string, string> = {
  Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004', Backspace: '\uE003', Space: ' ',
  ArrowUp: '\uE013', ArrowDown: '\uE015', ArrowLeft: '\uE012', ArrowRight: '\uE014',
};
const keyCode = (key: string) => keyCodes[key] ?? key;

/**
 * The shortest wait between two polls of a page (for a function to hold, or for its URL). Each poll is
 * a round trip through WebKitWebDriver and MiniBrowser: at 50 ms (25 for a URL), polls were about 14 %
 * of the CPU of a WebKit job. 100 ms is finer than anything the tests time.
 */
export const POLL_MS = 100;

/** The W3C name of an element reference in WebDriver answers. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

type PageFunction = string | ((...args: never[]) => unknown);

/** The script body that runs `fn` with `args` (a function), or evaluates `fn` (an expression), and returns the result. */
const scriptFor = (fn: PageFunction) =>
  typeof fn === 'string' ? `return (\n${fn}\n);` : `return (${fn.toString()}).apply(null, arguments);`;

/**
 * Makes `target` throw a TypeError naming any property it lacks, instead of handing `undefined` to a
 * test that then fails somewhere less clear. `then` stays absent so the object is not a thenable.
 */
function strict<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property === 'then' || property in object) return Reflect.get(object, property, receiver);
      throw new TypeError(`${what}.${property} is not available over WebDriver classic (WebKit): skip the test there with suite.unsupported(['webkit'], reason)`);
    },
  });
}

/** One WebDriver session on its own WebKitWebDriver: commands one at a time, each in the window it names. */
class Session {
  private queue: Promise<unknown> = Promise.resolve();
  private currentWindow: string;
  private readonly openWindows = new Set<string>();

  private constructor(private readonly base: string, private readonly stopDriver: () => Promise<void>,
    /** The window the session opened with. */
    readonly firstWindow: string) {
    this.currentWindow = firstWindow;
    this.openWindows.add(firstWindow);
  }

  static async start(): Promise<Session> {
    const driver = await startWebKitDriver();
    const base = `http://127.0.0.1:${driver.port}`;
    try {
      const answer = await send(base, 'POST', '/session', { capabilities: { alwaysMatch: driver.capabilities } }) as { sessionId: string };
      const url = `${base}/session/${answer.sessionId}`;
      return new Session(url, () => driver.stop(), await send(url, 'GET', '/window') as string);
    } catch (error) {
      await driver.stop();
      throw error;
    }
  }

  /**
   * Runs `path` in `window` (switching to it first; `null`: any open window), after every command sent
   * before it has finished.
   */
  command(window: string | null, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const run = async () => {
      // WebDriver refuses every command, even New Window, while the current window is a closed one.
      const target = window ?? (this.openWindows.has(this.currentWindow) ? this.currentWindow : this.openWindows.values().next().value);
      if (target !== undefined && target !== this.currentWindow) {
        await send(this.base, 'POST', '/window', { handle: target });
        this.currentWindow = target;
      }
      const answer = await send(this.base, method, path, body);
      if (method === 'DELETE' && path === '/window') this.openWindows.delete(this.currentWindow);
      if (method === 'POST' && path === '/window/new') this.openWindows.add((answer as { handle: string }).handle);
      return answer;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    await send(this.base, 'DELETE', '').catch(() => undefined); // already gone once its last window closed
    await this.stopDriver();
  }
}

async function send(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: method === 'POST' ? { 'Content-Type': 'application/json' } : {},
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined, // every POST carries a JSON object, if empty
  });
  const answer = await response.json() as { value: unknown };
  if (!response.ok) {
    const { error, message } = answer.value as { error: string; message: string };
    throw new Error(`WebDriver ${method} ${path}: ${error}: ${message}`);
  }
  return answer.value;
}

class WebDriverPage {
  private closed = false;

  readonly keyboard = {
    press: (key: string) => this.keys([{ type: 'keyDown', value: keyCode(key) }, { type: 'keyUp', value: keyCode(key) }]),
    type: (text: string, { delay = 0 } = {}) => this.keys([...text].flatMap((char) => [
      { type: 'keyDown', value: char }, { type: 'keyUp', value: char }, ...(delay ? [{ type: 'pause', duration: delay }] : []),
    ])),
  };

  readonly mouse = {
    click: (x: number, y: number) => this.run('POST', '/actions', {
      actions: [{
        type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', origin: 'viewport', x: Math.round(x), y: Math.round(y) },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      }],
    }).then(() => undefined),
  };

  constructor(private readonly session: Session, private readonly window: string, private readonly context: WebDriverContext) {}

  private run(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the page is closed'));
    return this.session.command(this.window, method, path, body);
  }

  private async keys(actions: object[]): Promise<void> {
    await this.run('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  async goto(url: string): Promise<null> {
    await this.run('POST', '/url', { url });
    return null;
  }

  async reload(): Promise<null> {
    await this.run('POST', '/refresh');
    return null;
  }

  /** The page's URL, asked of the driver (puppeteer's `url()` is synchronous; the harness awaits this one instead). */
  currentUrl(): Promise<string> {
    return this.run('GET', '/url') as Promise<string>;
  }

  evaluate(fn: PageFunction, ...args: unknown[]): Promise<unknown> {
    return this.run('POST', '/execute/sync', { script: scriptFor(fn), args });
  }

  $eval(selector: string, fn: PageFunction, ...args: unknown[]): Promise<unknown> {
    return this.run('POST', '/execute/sync', {
      script: `const element = document.querySelector(arguments[0]);
        if (!element) throw new Error('no element matches ' + arguments[0]);
        return (${fn.toString()}).apply(null, [element, ...[...arguments].slice(1)]);`,
      args: [selector, ...args],
    });
  }

  /** The elements matching `selector`, as WebDriver references (the tests only count them). */
  async $$(selector: string): Promise<unknown[]> {
    return await this.run('POST', '/elements', { using: 'css selector', value: selector }) as unknown[];
  }

  content(): Promise<string> {
    return this.run('GET', '/source') as Promise<string>;
  }

  /**
   * Polls `fn` until it returns a truthy value. An exception counts as "not yet": a page navigating
   * away between two polls throws, and the next poll sees the new document. Not more often than every
   * {@link POLL_MS}: puppeteer polls inside the page, but here each poll is a round trip through the
   * driver and MiniBrowser.
   */
  async waitForFunction(fn: PageFunction, { polling = POLL_MS, timeout = 30_000 }: { polling?: number | string; timeout?: number } = {}, ...args: unknown[]): Promise<unknown> {
    const interval = Math.max(POLL_MS, typeof polling === 'number' ? polling : 0);
    const deadline = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await this.evaluate(fn, ...args);
        if (value) return value;
      } catch (error) {
        if (this.closed) throw error;
        lastError = error;
      }
      if (Date.now() > deadline) {
        throw new Error(`waitForFunction timed out after ${timeout} ms${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }

  /** A real click in the middle of the first element matching `selector` (WebDriver's Element Click). */
  async click(selector: string): Promise<void> {
    const element = await this.run('POST', '/element', { using: 'css selector', value: selector }) as Record<string, string>;
    await this.run('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  /** `locator(selector).fill(text)`: clears the field and types `text` into it as a user would. */
  locator(selector: string) {
    return {
      fill: async (text: string) => {
        const element = await this.run('POST', '/element', { using: 'css selector', value: selector }) as Record<string, string>;
        await this.run('POST', `/element/${element[ELEMENT]}/clear`, {});
        await this.run('POST', `/element/${element[ELEMENT]}/value`, { text });
      },
    };
  }

  isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.run('DELETE', '/window');
    this.closed = true;
    this.context.forget(this);
  }

  /** The cookies the page's document can see (WebDriver classic reads cookies through a page only). */
  async documentCookies(): Promise<Cookie[]> {
    const cookies = await this.run('GET', '/cookie') as Array<{
      name: string; value: string; domain: string; path: string; expiry?: number; httpOnly: boolean; secure: boolean; sameSite?: string;
    }>;
    return cookies.map((cookie) => ({
      name: cookie.name,
      value: cookie.value,
      domain: cookie.domain,
      path: cookie.path,
      expires: cookie.expiry ?? -1, // puppeteer's mark of a session cookie
      size: cookie.name.length + cookie.value.length,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      session: cookie.expiry === undefined,
      ...(cookie.sameSite ? { sameSite: cookie.sameSite as Cookie['sameSite'] } : {}),
    } as Cookie));
  }
}

class WebDriverContext {
  private readonly pages: WebDriverPage[] = [];
  private firstWindowTaken = false;

  constructor(private readonly session: Session, private readonly browser: WebDriverBrowser) {}

  /** A new page in a window of its own (the session's first, empty window the first time). */
  async newPage(): Promise<Page> {
    let window = this.session.firstWindow;
    if (this.firstWindowTaken) {
      ({ handle: window } = await this.session.command(null, 'POST', '/window/new', { type: 'window' }) as { handle: string });
    }
    this.firstWindowTaken = true;
    // Kept as the proxy the test holds: its methods see the proxy as `this`, and close() forgets it by identity.
    const page = strict(new WebDriverPage(this.session, window, this), 'page');
    this.pages.push(page);
    return page as unknown as Page;
  }

  forget(page: WebDriverPage): void {
    const index = this.pages.indexOf(page);
    if (index >= 0) this.pages.splice(index, 1);
  }

  /** Every cookie of the context, read through one of its open pages. */
  async cookies(): Promise<Cookie[]> {
    const page = this.pages.at(-1);
    if (!page) throw new Error('WebDriver classic reads cookies only through an open page: this WebKit context has none left');
    return page.documentCookies();
  }

  async close(): Promise<void> {
    this.browser.forget(this);
    await this.session.close();
  }
}

class WebDriverBrowser {
  private readonly contexts = new Set<WebDriverContext>();

  async createBrowserContext(): Promise<BrowserContext> {
    const context = strict(new WebDriverContext(await Session.start(), this), 'context');
    this.contexts.add(context);
    return context as unknown as BrowserContext;
  }

  forget(context: WebDriverContext): void {
    this.contexts.delete(context);
  }

  async close(): Promise<void> {
    await Promise.all([...this.contexts].map((context) => context.close()));
  }
}

/** WebKit as a puppeteer-core `Browser` for the harness (contexts start their own MiniBrowser). */
export function launchWebKit(): Browser {
  return strict(new WebDriverBrowser(), 'browser') as unknown as Browser;
}

/** Whether `page` is one of this adapter's (WebKit), whose every question goes to the browser. */
export function isWebDriverPage(page: Page): boolean {
  return page instanceof WebDriverPage;
}

/** The URL of `page`, whichever driver runs it. */
export function urlOf(page: Page): Promise<string> {
  return page instanceof WebDriverPage ? page.currentUrl() : Promise.resolve(page.url());
}
