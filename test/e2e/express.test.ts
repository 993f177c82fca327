/**
 * session-timeout-element/express end to end: a real Express 5 app (in this process, on a free port
 * of 127.0.0.1) serving the built drop-in, and the `<session-timeout>` element in a real browser with
 * real cookies and real (short) time. Needs `npm run build` (the page loads dist/session-timeout.min.js).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { sessionTimeout } from '../../src/express/index.js';
import { clickToType, e2eEngines, launchBrowser, newTab, requestWithCookies, sleep, waitForURL } from './harness.js';
import { urlOf } from './webdriver.js';

const WARN_AFTER = 2;
const EXPIRE_AFTER = 5;
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** The app as the Express quick start mounts it: ping first, the middleware on /app, start and end at sign-in and -out. */
async function startApp(): Promise<{ origin: string; close(): Promise<void> }> {
  const timeout = sessionTimeout({ expireAfter: EXPIRE_AFTER, warnAfter: WARN_AFTER, redirect: '/login', secret: 'e2e-secret-e2e-secret-e2e-secret-0123' });
  const app = express();
  app.use('/assets', express.static(dist));
  app.post('/session/ping', timeout.ping);
  app.get('/login', (_req, res) => {
    res.type('html').send('<!doctype html><title>Sign in</title><form method="post" action="/login"><button id="sign-in">Sign in</button></form>');
  });
  app.post('/login', async (req, res) => {
    await timeout.start(req, res);
    res.redirect(303, '/app');
  });
  app.post('/logout', async (req, res) => {
    await timeout.end(req, res);
    res.redirect(303, '/login');
  });
  app.use('/app', timeout.middleware);
  app.get('/app', (req, res) => {
    const session = req.sessionTimeout!;
    res.type('html').send(`<!doctype html><title>App</title><p id="remaining">${Math.round(session.remaining)}</p>
      <session-timeout warn-after="${WARN_AFTER}" expire-after="${EXPIRE_AFTER}" ping-url="/session/ping"
                       redirect-url="/login" logout-url="/logout"></session-timeout>
      <script type="module" src="/assets/session-timeout.min.js"></script>`);
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function signIn(context: BrowserContext, origin: string): Promise<Page> {
  const page = await newTab(context);
  await page.goto(`${origin}/login`);
  await page.click('#sign-in');
  await waitForURL(page, `${origin}/app`);
  await page.waitForFunction(() => customElements.get('session-timeout') !== undefined);
  return page;
}

/**
 * What this suite tests is the Express adapter, on the server: the page and its element are the ones
 * the Hono demo serves, whose same two flows (an idle page signed out, typing that keeps the session)
 * run in every engine in requirements.test.ts. So it runs in Chromium; elsewhere it is skipped, saying
 * why (the other two engines took 44 s of jobs in a run, and could show nothing more).
 */
const ADAPTER_ONLY = 'the Express adapter is server code, tested in Chromium; the element\'s flows it drives run in every engine in requirements.test.ts';

// The engines side by side, each with its own browser and app. Within one, a test at a time: the
// second types, and a window opened beside it (the first test signing in) can take its keyboard
// focus (see requirements.test.ts); in Firefox its typing then went unseen, once in a loaded run.
describe('Express + <session-timeout>', { concurrency: process.env.E2E_SERIAL ? 1 : e2eEngines.length }, () => {
  for (const engine of e2eEngines) {
    if (engine !== 'chromium') {
      describe(`Express + <session-timeout> in ${engine}`, { skip: `not run in ${engine}: ${ADAPTER_ONLY}` }, () => {});
      continue;
    }
    describe(`Express + <session-timeout> in ${engine}`, { concurrency: 1 }, () => {
      let browser: Browser;
      let app: Awaited<ReturnType<typeof startApp>>;
      before(async () => {
        [browser, app] = await Promise.all([launchBrowser(engine), startApp()]);
      });
      after(async () => {
        await browser?.close();
        await app?.close();
      });

      it(`an idle page is signed out at ${EXPIRE_AFTER} s, and the session is over on the server too`, async () => {
        const context = await browser.createBrowserContext();
        const startedAt = Date.now();
        const page = await signIn(context, app.origin);
        assert.equal(await page.$eval('#remaining', (p) => p.textContent), String(EXPIRE_AFTER), 'req.sessionTimeout on the page');
        const leftAt = await waitForURL(page, /\/login/, { timeout: (EXPIRE_AFTER + 5) * 1000 });
        const elapsed = (leftAt - startedAt) / 1000;
        assert.ok(elapsed >= EXPIRE_AFTER - 0.5, `signed out after ${elapsed} s, before ${EXPIRE_AFTER} s`);
        const again = await requestWithCookies(context, `${app.origin}/app`, { 'Sec-Fetch-Mode': 'navigate', Accept: 'text/html' });
        assert.equal(again.status(), 303);
        assert.match(again.headers().location ?? '', /^\/login/);
        await context.close();
      });

      it('a user who keeps working stays signed in past expire-after: the pings report the activity', async () => {
        const context = await browser.createBrowserContext();
        const page = await signIn(context, app.origin);
        await clickToType(page, 'body');
        const until = Date.now() + (EXPIRE_AFTER + 2) * 1000;
        while (Date.now() < until) {
          await page.keyboard.type('ab', { delay: 30 });
          await sleep(400);
        }
        assert.match(await urlOf(page), /\/app$/, 'still on the app');
        const status = await requestWithCookies(context, `${app.origin}/app`, { 'X-Session-Passive': '1', 'Sec-Fetch-Mode': 'cors' });
        assert.equal(status.status(), 200, 'alive on the server');
        await context.close();
      });
    });
  }
});
