// The e2e runner's open browsers (scripts/e2e.mjs): Chromium and Firefox are launched once and kept
// open, a job gets one to itself (its address: the job's harness connects to it), and when the job
// ends the browser is emptied of what it left and handed to the next job of its engine. WebKit has
// none: its tests start a MiniBrowser per context.
import puppeteer from 'puppeteer-core';
import { puppeteerConnectOptions, puppeteerLaunchOptions } from '../test/engines.mjs';

/** Open Chromium and Firefox browsers, each used by one job at a time. */
export class BrowserPool {
  /** @type {Record<string, { engine: string, endpoint: string, process: import('node:child_process').ChildProcess }[]>} */
  idle = { chromium: [], firefox: [] };
  launched = [];

  /** An idle browser of `engine`, else a new one; none for WebKit. */
  async acquire(engine) {
    if (engine === 'webkit') return undefined;
    const reused = this.idle[engine].pop();
    if (reused) return reused;
    // Launched, then left: the job opens its own session (Firefox allows one at a time).
    const browser = await puppeteer.launch(puppeteerLaunchOptions(engine));
    const launched = { engine, endpoint: browser.wsEndpoint(), process: browser.process() };
    this.launched.push(launched);
    await browser.disconnect();
    return launched;
  }

  /**
   * Back to the idle ones once emptied of what the job left (its contexts, and cookies or pages of
   * the default context, which tests do not use); a browser that cannot be emptied is stopped.
   */
  async release(entry) {
    try {
      const browser = await puppeteer.connect(puppeteerConnectOptions(entry.engine, entry.endpoint));
      try {
        const main = browser.defaultBrowserContext();
        for (const context of browser.browserContexts()) if (context !== main) await context.close();
        await main.deleteCookie(...(await main.cookies()));
        for (const page of (await main.pages()).slice(1)) await page.close();
      } finally {
        await browser.disconnect();
      }
      this.idle[entry.engine].push(entry);
    } catch (error) {
      console.log(`e2e: a ${entry.engine} browser could not be emptied for the next job, so it is stopped: ${error.message}`);
      entry.process.kill('SIGKILL');
    }
  }

  /** Stops every browser, and waits until each has exited (puppeteer then removes its profile). */
  async stop() {
    await Promise.all(this.launched.map(({ process: child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }));
  }
}
