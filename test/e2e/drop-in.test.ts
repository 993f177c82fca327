/**
 * The drop-in on a page with nothing but its script tag (issue 13, item 4): it loads the page
 * language's texts from `locales/` beside itself, under a strict CSP, and a locale that cannot load
 * leaves English (one console warning) with the warning still opening on time.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { e2eEngines, launchBrowser, textOf } from './harness.js';

const dist = new URL('../../dist/', import.meta.url);
const heading = 'session-timeout >>> [part~=heading]';

/** In the page: the warning's heading and the language its dialog declares. */
const shownInPage = () => {
  const root = document.querySelector('session-timeout')!.shadowRoot!;
  return { heading: root.querySelector('[part~=heading]')?.textContent?.trim(), lang: root.querySelector('dialog')?.lang };
};
const shown = (page: Page) => page.evaluate(shownInPage);

/**
 * Serves dist/ under /ok/, under /broken/ (where locales/ answers 404), under /stale/ (where the view's
 * chunk answers 404 unless asked for afresh, as a tab kept open across a deploy sees it) and under
 * /noview/ (where it always answers 404), and the one-tag page.
 */
async function startStaticServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url!, 'http://x');
    const [, variant, ...rest] = url.pathname.split('/');
    const path = rest.join('/');
    if (path == 'page.html') {
      const lang = url.searchParams.get('lang') ?? '';
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        // What a strict site sends: modules from its own origin only, no eval.
        'Content-Security-Policy': "default-src 'self'; script-src 'self'",
      });
      response.end(`<!doctype html><html lang="${lang}"><title>t</title>
        <script type="module" src="session-timeout.min.js"></script>
        <session-timeout warn-after="1" expire-after="60"></session-timeout>`);
      return;
    }
    if (url.pathname == '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const view = path == 'drop-in/warning-view.js';
    if (path.includes('..') || (variant == 'broken' && path.startsWith('locales/')) || (view && variant == 'noview')
        || (view && variant == 'stale' && !url.searchParams.has('retry'))) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(new URL(path, dist));
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, server };
}

// The engines side by side, each with its own browser and server; within one, a test at a time.
describe('the drop-in alone on a page', { concurrency: process.env.E2E_SERIAL ? 1 : e2eEngines.length }, () => {
  for (const engine of e2eEngines) {
    // Its tests read the page's console (the locale warning, no CSP errors): WebDriver classic reports no console messages.
    const skip = engine === 'webkit' ? 'not run in WebKit: it reads console messages, which WebDriver classic does not report' : undefined;
    describe(`the drop-in alone on a page (${engine})`, { skip, concurrency: 1 }, () => {
      let browser: Browser;
      let context: BrowserContext; // its own, not the browser's default one (see launchBrowser)
      let origin: string;
      let server: Server;
      before(async () => {
        ({ origin, server } = await startStaticServer());
        browser = await launchBrowser(engine);
        context = await browser.createBrowserContext();
      });
      after(async () => {
        await context?.close();
        await browser?.close();
        server?.close();
      });

      it('loads the page language’s texts beside itself, under script-src \'self\'', async () => {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() == 'error' || message.type() == 'warn') errors.push(message.text());
        });
        await page.goto(`${origin}/ok/page.html?lang=de-DE`);
        await page.waitForSelector(heading, { visible: true, timeout: 5000 });
        const { default: de } = await import('../../src/locales/de.js');
        // The view asks for the texts as it first renders, so with warn-after="1" on a loaded machine the
        // warning may open before they arrive: then in English, marked lang="en" (WCAG 3.1.2), until they do.
        const first = await shown(page);
        if (first.heading != de.heading) assert.deepEqual(first, { heading: 'Are you still there?', lang: 'en' }, 'English meanwhile, said to be English');
        await page.waitForFunction(`(${shownInPage})().heading == ${JSON.stringify(de.heading)}`, { polling: 50, timeout: 5000 });
        assert.deepEqual(await shown(page), { heading: de.heading, lang: 'de-DE' });
        assert.deepEqual(errors, []);
        await page.close();
      });

      it('a locale that cannot load: English, marked lang="en", one warning, the warning on time', async () => {
        const page = await context.newPage();
        const warnings: string[] = [];
        page.on('console', (message) => {
          if (message.type() == 'warn') warnings.push(message.text());
        });
        const start = Date.now();
        await page.goto(`${origin}/broken/page.html?lang=fr`);
        await page.waitForSelector(heading, { visible: true, timeout: 5000 });
        assert.ok(Date.now() - start < 4000, 'the warning opened on time');
        assert.deepEqual(await shown(page), { heading: 'Are you still there?', lang: 'en' });
        assert.equal(warnings.filter((w) => w.includes('"fr" texts could not be loaded')).length, 1, warnings.join('\n'));
        await page.close();
      });

      it('a view chunk that failed once is fetched afresh: the full warning (issue 20)', async () => {
        const page = await context.newPage();
        await page.goto(`${origin}/stale/page.html?lang=en`);
        await page.waitForSelector(heading, { visible: true, timeout: 5000 });
        assert.equal((await textOf(page, heading))?.trim(), 'Are you still there?');
        await page.close();
      });

      it('a view chunk that never loads: the fallback warning opens on time, under the strict CSP (issue 20)', async () => {
        const page = await context.newPage();
        const start = Date.now();
        await page.goto(`${origin}/noview/page.html?lang=en`);
        const fallback = 'session-timeout >>> dialog[open]';
        await page.waitForSelector(fallback, { visible: true, timeout: 5000 });
        assert.ok(Date.now() - start < 4000, 'the warning opened on time');
        assert.match((await textOf(page, fallback)) ?? '', /signed out in \d:\d\d/);
        await page.close();
      });
    });
  }
});
