// Browser tests in the three engines, side by side (each engine one test file at a time):
//
//   Chromium  /usr/bin/chromium                 @web/test-runner-chrome, puppeteer-core over CDP
//   Firefox   /usr/bin/firefox-esr              @web/test-runner-chrome, puppeteer-core over WebDriver BiDi
//   WebKit    WebKitGTK MiniBrowser on Xvfb     @web/test-runner-webdriver, WebKitWebDriver (WebDriver classic)
//
// `BROWSERS=firefox npx web-test-runner …` runs a subset. A missing browser fails the run with the
// apt-get line that installs it (test/engines.mjs). Tests a driver cannot express in an engine are
// skipped there visibly (test/engine-gaps.mjs) and listed at the end of the run. TypeScript is
// stripped by esbuild; fake server endpoints live in test/browser/fake-server.mjs.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { defaultReporter } from '@web/test-runner';
import puppeteer from 'puppeteer-core';
import { fakeServer } from './test/browser/fake-server.mjs';
import { forcedColorsPlugin } from './test/browser/forced-colors-plugin.mjs';
import { packagesPlugin } from './test/browser/packages-plugin.mjs';
import { engines, puppeteerLaunchOptions, requireEngines, selectedEngines, startWebKitDriver } from './test/engines.mjs';

const selected = selectedEngines();
try {
  requireEngines(selected);
} catch (error) {
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

/** WebKitGTK's MiniBrowser through WebKitWebDriver, which this launcher starts and stops with itself. */
class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({ hostname: '127.0.0.1', port: 0, path: '/', logLevel: 'error', capabilities: {} });
    this.engine = 'webkit';
  }
  async initialize(config, testFiles) {
    this.webkit = await startWebKitDriver();
    Object.assign(this.options, { port: this.webkit.port, capabilities: this.webkit.capabilities });
    await super.initialize(config, testFiles);
    this.name = engines.webkit.label;
  }
  async stop() {
    await super.stop();
    await this.webkit?.stop();
  }
}

const launchers = {
  // The same launch options as the end-to-end suite's (test/engines.mjs).
  chromium: () => Object.assign(chromeLauncher({ launchOptions: puppeteerLaunchOptions('chromium') }),
    { engine: 'chromium', name: engines.chromium.label }),
  firefox: () => Object.assign(chromeLauncher({ puppeteer, launchOptions: puppeteerLaunchOptions('firefox') }), { engine: 'firefox' }),
  webkit: () => new WebKitLauncher(),
};

const isDefaults = (payload) => Object.entries(payload).every(([key, value]) =>
  ({ reducedMotion: 'no-preference', colorScheme: 'no-preference', media: 'screen' })[key] === value);

/**
 * What the stock commands (@web/test-runner-commands) cannot do through one driver but can be done
 * faithfully another way. Anything else a driver lacks throws, and the test is listed in
 * test/engine-gaps.mjs.
 */
function driverGaps() {
  return {
    name: 'driver-gaps',
    serverStart({ config }) {
      // web-test-runner puts its stock command plugins before the user's; these answers must come first.
      const api = config.plugins.find((plugin) => plugin.name === 'test-runner-api');
      api.plugins.splice(api.plugins.indexOf(this), 1);
      api.plugins.unshift(this);
    },
    async executeCommand({ command, payload, session }) {
      const { engine } = session.browser;
      if (engine === 'chromium') return undefined;
      if (command === 'emulate-media') {
        // Neither BiDi nor WebDriver classic can emulate media features. Nothing can have been emulated
        // then, so a request for the defaults (an afterEach reset) is already true; anything else fails.
        if (isDefaults(payload)) return true;
        throw new Error(`emulateMedia is not available in ${session.browser.name} (${engine === 'firefox' ? 'WebDriver BiDi' : 'WebDriver classic'})`);
      }
      if (command === 'send-keys' && engine === 'firefox' && payload.press === 'Space') {
        // Puppeteer's BiDi keyboard knows the space bar only by its character.
        await session.browser.getPage(session.id).keyboard.press(' ');
        return true;
      }
      if (engine !== 'webkit') return undefined;
      const driver = session.browser.driver;
      if (command === 'send-keys' && ('down' in payload || 'up' in payload)) {
        // WebDriver classic keeps a key held between two Perform Actions calls, which is all that down/up needs.
        const key = { Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D' }[payload.down ?? payload.up];
        if (!key) throw new Error(`send-keys down/up: no WebDriver code for "${payload.down ?? payload.up}"`);
        await driver.performActions([{ type: 'key', id: 'keyboard', actions: [{ type: 'down' in payload ? 'keyDown' : 'keyUp', value: key }] }]);
        return true;
      }
      if (command === 'set-viewport') {
        // The window rectangle includes MiniBrowser's chrome, and the page learns of a resize a little
        // later: size the window, then correct by what the page measures until it matches.
        const inner = () => driver.execute(() => [window.innerWidth, window.innerHeight]);
        let [width, height] = [payload.width, payload.height];
        for (let attempt = 0; attempt < 10; attempt++) {
          await driver.setWindowSize(width, height);
          await new Promise((resolve) => setTimeout(resolve, 50));
          const [innerWidth, innerHeight] = await inner();
          if (innerWidth === payload.width && innerHeight === payload.height) return true;
          width += payload.width - innerWidth;
          height += payload.height - innerHeight;
        }
        const [innerWidth, innerHeight] = await inner();
        throw new Error(`setViewport: MiniBrowser gave ${innerWidth}×${innerHeight} for ${payload.width}×${payload.height}`);
      }
      return undefined;
    },
  };
}

/** Lists every test skipped in each engine, with its reason, after the run. */
function skippedReporter() {
  const walk = (suite, path, out) => {
    for (const test of suite?.tests ?? []) if (test.skipped) out.push([...path, test.name].join(' › '));
    for (const child of suite?.suites ?? []) walk(child, [...path, child.name], out);
    return out;
  };
  return {
    onTestRunFinished({ sessions }) {
      const byBrowser = new Map();
      for (const session of sessions) {
        const skipped = walk(session.testResults, [], []);
        if (skipped.length) byBrowser.set(session.browser.name, [...(byBrowser.get(session.browser.name) ?? []), ...skipped]);
      }
      for (const [browser, tests] of byBrowser) {
        console.log(`\nSkipped in ${browser} (${tests.length}):\n${tests.map((test) => `  - ${test}`).join('\n')}`);
      }
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), forcedColorsPlugin(), driverGaps(),
    packagesPlugin(['react', 'react-dom/client', 'vue'])],
  middleware: [fakeServer],
  browsers: selected.map((engine) => launchers[engine]()),
  // The three engines side by side, each one test file at a time: the tests keep time with a fake clock
  // (test/browser/fake-time.ts), and the few real-time waits passed in repeated runs this way (about
  // 95 s against 155 s one engine after another). WTR_BROWSERS=1 runs them one after another.
  concurrentBrowsers: Number(process.env.WTR_BROWSERS ?? 3),
  testRunnerHtml: (testFramework) => `<!doctype html><html><body>
    <script type="module">import { installEngineGaps } from '/test/engine-gaps.mjs'; installEngineGaps();</script>
    <script type="module" src="${testFramework}"></script>
  </body></html>`,
  reporters: [defaultReporter(), skippedReporter()],
  concurrency: 1,
  // A browser that cannot start, or a run with no test file, must fail loudly rather than pass empty.
  failOnZeroTests: true,
  testFramework: { config: { timeout: 5000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
};
