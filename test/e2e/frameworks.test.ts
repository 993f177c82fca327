/**
 * Issue 20 end to end: the apps of examples/react (React 19, a controlled form) and examples/vue (Vue 3,
 * v-model), built with esbuild as a bundler builds them, behind the real Hono handler. Someone types
 * into the app's form, walks away, and the session ends: the page keeps the text, hidden; signing in
 * again as the same user brings the page back as it was, the app's own state included.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { Hono } from 'hono';
import type { Browser, Page } from 'puppeteer-core';
import { sessionTimeout } from 'session-timeout-element/hono';
import { compileScript, parse } from 'vue/compiler-sfc';
import { engines } from '../engines.mjs';
import { clickToType, e2eEngines, elementState, launchBrowser, newTab, part, signIn, waitFor, waitForState } from './harness.js';

// Longer than resume.test.ts's 2 s / 4 s: the page must load its bundle, and the user type, before a
// session idle since the page's request ends (under load that took more than 4 s).
const WARN_AFTER = 3;
const EXPIRE_AFTER = 6;
const TYPED = 'ten minutes of careful typing';
const root = fileURLToPath(new URL('../..', import.meta.url));

/** What both builds share: one minified ES module, production React and Vue, the package as it ships (dist/). */
const bundler: BuildOptions = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  absWorkingDir: root,
  logLevel: 'warning',
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  // Where Node's require looks too (NODE_PATH), as the test's own imports do.
  nodePaths: process.env.NODE_PATH?.split(':').filter(Boolean) ?? [],
};

/** `.vue` files compiled as Vite's plugin does, with `<session-timeout>` declared a custom element (see README). */
const vueFiles: Plugin = {
  name: 'vue-sfc',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path });
      if (errors.length) return { errors: errors.map((error) => ({ text: String(error) })) };
      const script = compileScript(descriptor, {
        id: path,
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement: (tag) => tag === 'session-timeout' } },
      });
      return { contents: script.content, loader: 'ts' };
    });
  },
};

const only = async (options: BuildOptions) => (await build({ ...bundler, ...options })).outputFiles![0]!.text;

const apps = {
  'React 19, a controlled textarea (examples/react)': () => only({
    // The app's entry, as `npm create vite` writes it.
    stdin: {
      contents: `import { createRoot } from 'react-dom/client';
        import { App } from './App.tsx';
        createRoot(document.getElementById('root')!).render(<App />);`,
      loader: 'tsx',
      resolveDir: `${root}examples/react`,
      sourcefile: 'main.tsx',
    },
    jsx: 'automatic',
  }),
  'Vue 3, a v-model textarea (examples/vue)': () => only({ entryPoints: [`${root}examples/vue/main.ts`], plugins: [vueFiles] }),
};

interface AppServer {
  origin: string;
  close(): Promise<void>;
}

/** The app behind the real handler: a sign-in form, the ping, the app's page and its save endpoint. */
function serveApp(script: string): Promise<AppServer> {
  const timeout = sessionTimeout({
    warnAfter: WARN_AFTER,
    expireAfter: EXPIRE_AFTER,
    secret: randomBytes(32).toString('base64url'),
    redirect: '/login',
  });
  const app = new Hono();
  app.get('/login', (c) => c.html(`<!doctype html><html lang="en"><title>Sign in</title>
    <form method="post" action="/login"><input id="username" name="username"><input type="submit" value="Sign in"></form>`));
  app.post('/login', async (c) => {
    const { username } = await c.req.parseBody();
    await timeout.start(c, { subject: String(username) });
    return c.redirect('/', 303);
  });
  app.post('/session/ping', timeout.ping);
  app.use('/', timeout.middleware);
  app.use('/api/*', timeout.middleware);
  app.get('/', (c) => c.html(`<!doctype html><html lang="en"><title>Notes</title>
    <div id="root"></div><div id="app"></div><script type="module" src="/app.js"></script>`));
  app.get('/app.js', (c) => c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.post('/api/notes', (c) => c.body(null, 204));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({
      origin: `http://127.0.0.1:${info.port}`,
      close: () => new Promise<void>((done) => {
        server.close(() => done());
        // Kept-alive connections of the closed browser context would hold the close up.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
    }));
  });
}

const notes = (page: Page) => page.$eval('#notes', (field) => (field as HTMLTextAreaElement).value);

/** Whether the point at the middle of `#notes` hits it: false while a modal dialog covers the page. */
const notesReachable = (page: Page) =>
  page.evaluate(() => {
    const field = document.getElementById('notes')!;
    const box = field.getBoundingClientRect();
    return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === field;
  });

describe('framework apps keep typed work across the end of a session', { concurrency: process.env.E2E_SERIAL ? 1 : e2eEngines.length }, () => {
  const scripts = new Map<string, Promise<string>>();
  // Built once for the engines that run the apps (none where only WebKit is asked for, which skips them).
  before(() => {
    if (e2eEngines.every((engine) => engine === 'webkit')) return;
    for (const [name, bundle] of Object.entries(apps)) scripts.set(name, bundle());
  });

  for (const engine of e2eEngines) {
    if (engine === 'webkit') {
      describe(engines.webkit.label, { skip: 'not run in WebKit: it brings the first tab back to the front, which the WebDriver adapter (webdriver.ts) does not offer' }, () => {});
      continue;
    }
    // One test at a time: each brings its first tab back to the front, which would take the keyboard from the other.
    describe(engines[engine].label, { concurrency: 1 }, () => {
      let browser: Browser;
      before(async () => {
        browser = await launchBrowser(engine);
      });
      after(() => browser?.close());

      for (const name of Object.keys(apps)) {
        it(name, async () => {
          const server = await serveApp(await scripts.get(name)!);
          const context = await browser.createBrowserContext();
          try {
            const page = await newTab(context);
            await signIn(page, server.origin, 'ada');
            await page.evaluate(() => document.addEventListener('session-timeout-expire', (event) => {
              (window as unknown as { unsavedWork: boolean }).unsavedWork = (event as Event & { unsavedWork: boolean }).unsavedWork;
            }));
            await page.waitForSelector('#notes');
            await clickToType(page, '#notes');
            await page.keyboard.type(TYPED);
            assert.equal(await elementState(page), 'active', 'typed while the session was live');

            await waitFor(page, part('sign-in-button'), 'visible', (EXPIRE_AFTER + 4) * 1000).catch((error: unknown) => {
              assert.equal(new URL(page.url()).pathname, '/', 'the session ended and the page left, throwing the typed work away');
              throw error;
            });
            assert.equal(await elementState(page), 'expired');
            assert.equal(await page.evaluate(() => (window as unknown as { unsavedWork: boolean }).unsavedWork), true,
              'session-timeout-expire said the page holds unsaved work');
            assert.equal(new URL(page.url()).pathname, '/', 'the page did not leave');
            assert.equal(await notes(page), TYPED);
            assert.equal(await notesReachable(page), false, 'the work is hidden and out of reach');

            const other = await newTab(context);
            await signIn(other, server.origin, 'ada');
            await page.bringToFront(); // back to the first tab, as its user would
            await waitForState(page, 'active');
            assert.equal(await notes(page), TYPED);
            assert.equal(await notesReachable(page), true);
            // The app's own state kept the text too: typing goes on from it.
            await clickToType(page, '#notes');
            await page.keyboard.type('!');
            assert.equal(await notes(page), `${TYPED}!`);
          } finally {
            await context.close();
            await server.close();
          }
        });
      }
    });
  }
});
