// scripts/browser-pool.mjs, the e2e runner's open browsers: a browser goes back to the pool emptied of
// what a job left, the next job of its engine gets it again, one that cannot be emptied is never handed
// out again, and stop() ends them all. In Chromium only: the pool does the same for Firefox through
// the connect options every e2e run uses (test/engines.mjs), and a Firefox launch costs seconds more.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
// @ts-expect-error: a JavaScript module without declarations
import { BrowserPool as Pool } from '../../../scripts/browser-pool.mjs';
import { puppeteerConnectOptions, requireEngines } from '../../engines.mjs';

type Entry = { engine: 'chromium' | 'firefox'; endpoint: string; process: ChildProcess };
interface BrowserPool {
  launched: Entry[];
  acquire(engine: string): Promise<Entry | undefined>;
  release(entry: Entry): Promise<void>;
  stop(): Promise<void>;
}
const BrowserPool = Pool as new () => BrowserPool;
const connect = (entry: Entry) => puppeteer.connect(puppeteerConnectOptions(entry.engine, entry.endpoint));

describe('browser-pool.mjs', () => {
  let pool: BrowserPool;
  before(() => {
    requireEngines(['chromium']);
    pool = new BrowserPool();
  });
  after(() => pool.stop());

  it('has no browser for WebKit, whose tests start their own', async () => {
    assert.equal(await pool.acquire('webkit'), undefined);
  });

  it('hands a released browser, emptied of what the job left, to the next job of its engine', async () => {
    const first = (await pool.acquire('chromium'))!;
    // A job's leftovers: a context with a page, a cookie and a second page in the default context.
    const browser = await connect(first);
    const context = await browser.createBrowserContext();
    await context.newPage();
    const main = browser.defaultBrowserContext();
    await main.setCookie({ name: 'left', value: '1', domain: '127.0.0.1', path: '/' });
    await main.newPage();
    await browser.disconnect();

    await pool.release(first);
    const second = (await pool.acquire('chromium'))!;
    assert.equal(second, first, 'the same browser, not a new one');
    assert.equal(pool.launched.length, 1);
    const reused = await connect(second);
    try {
      assert.equal(reused.browserContexts().length, 1, 'only the default context is left');
      assert.deepEqual(await reused.defaultBrowserContext().cookies(), []);
      assert.equal((await reused.defaultBrowserContext().pages()).length, 1, 'one page left');
    } finally {
      await reused.disconnect();
    }
    await pool.release(second);
  });

  it('stops a browser that cannot be emptied, and launches another for the next job', async () => {
    const entry = (await pool.acquire('chromium'))!;
    entry.process.kill('SIGKILL'); // gone: it cannot be connected to
    await once(entry.process, 'exit');
    await pool.release(entry);
    const next = (await pool.acquire('chromium'))!;
    assert.notEqual(next, entry);
    assert.equal(pool.launched.length, 2);
    await pool.release(next);
  });

  it('stop() ends every browser it launched', async () => {
    await pool.stop();
    assert.ok(pool.launched.every(({ process }) => process.exitCode !== null || process.signalCode !== null));
  });
});
