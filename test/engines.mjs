// The three browser engines the tests run in, as installed by apt on Debian, shared by the component
// suite (web-test-runner.config.mjs) and the end-to-end suite (test/e2e/harness.ts).
//
//   chromium  /usr/bin/chromium          puppeteer-core over CDP
//   firefox   /usr/bin/firefox-esr       puppeteer-core over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser    WebKitWebDriver (WebDriver classic), on a private Xvfb display
//
// A browser that is not installed fails the run and says how to install it: CI must never pass
// because an engine was quietly left out.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** @typedef {'chromium' | 'firefox' | 'webkit'} Engine */

/** What each engine needs on disk, and the Debian packages that provide it. */
export const engines = {
  chromium: {
    label: 'Chromium',
    files: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    apt: ['chromium'],
  },
  firefox: {
    label: 'Firefox',
    files: { executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' },
    apt: ['firefox-esr'],
  },
  webkit: {
    label: 'WebKit',
    files: {
      webDriver: process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver',
      // libwebkit2gtk-4.1-0 installs it in its library folder, not on the PATH.
      miniBrowser: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      xvfb: '/usr/bin/Xvfb',
    },
    apt: ['webkit2gtk-driver', 'xvfb', 'xauth'],
  },
};

/** The engines named in `$BROWSERS` (comma-separated), all three by default. */
export function selectedEngines() {
  const names = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!(name in engines)) throw new Error(`BROWSERS: unknown engine "${name}" (known: ${Object.keys(engines).join(', ')})`);
  }
  return /** @type {Engine[]} */ (names);
}

/**
 * Throws, naming the missing files and the apt-get line that installs them, unless every one of
 * `names` is installed.
 * @param {Engine[]} names
 */
export function requireEngines(names) {
  const missing = names.flatMap((name) =>
    Object.values(engines[name].files).filter((file) => !existsSync(file)).map((file) => ({ name, file })));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap(({ name }) => engines[name].apt))];
  throw new Error(
    `Browser missing: ${missing.map(({ name, file }) => `${engines[name].label} (${file})`).join(', ')}.\n` +
    `Install with:  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
    `(or run only some engines: BROWSERS=chromium,firefox npm test)`);
}

/** The path `import('puppeteer-core').launch` needs for `engine`. */
export const executablePath = (/** @type {'chromium' | 'firefox'} */ engine) => engines[engine].files.executablePath;

/**
 * The options of `import('puppeteer-core').launch` for Chromium and Firefox in the browser suite
 * (web-test-runner.config.mjs) and the end-to-end suite (its runner, scripts/e2e.mjs, and its harness,
 * test/e2e/harness.ts, when a file runs alone).
 * @param {'chromium' | 'firefox'} engine
 */
export function puppeteerLaunchOptions(engine) {
  if (engine === 'firefox') return { browser: /** @type {const} */ ('firefox'), executablePath: executablePath('firefox'), headless: true };
  return {
    executablePath: executablePath('chromium'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync',
           // No renderer started ahead for a navigation that may never come: pages load as they do,
           // and a Chromium e2e job took 9 % less CPU (27.2 → 24.8 CPU-s, requirements.test.ts).
           '--disable-features=SpareRendererForSitePerProcess'],
  };
}

/**
 * The options of `import('puppeteer-core').connect` for a browser of `engine` listening at `endpoint`
 * (what `browser.wsEndpoint()` gave): CDP for Chromium, WebDriver BiDi for Firefox.
 * @param {'chromium' | 'firefox'} engine
 * @param {string} endpoint
 */
export function puppeteerConnectOptions(engine, endpoint) {
  return { browserWSEndpoint: endpoint, protocol: /** @type {const} */ (engine === 'firefox' ? 'webDriverBiDi' : 'cdp') };
}

/** A TCP port nobody listens on right now. */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Runs `command`, kills it when this process exits, and resolves once `ready(output)` returns a
 * value (or rejects with the output if it exits or takes longer than 20 s).
 * @template T
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} env
 * @param {(output: string) => T | undefined} ready
 * @returns {Promise<{ value: T, stop: () => Promise<void> }>}
 */
async function daemon(command, args, env, ready, stdio = ['ignore', 'pipe', 'pipe']) {
  const child = spawn(command, args, { env, stdio: /** @type {any} */ (stdio) });
  const kill = () => child.kill();
  process.once('exit', kill);
  let output = '';
  const value = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start in 20 s:\n${output}`)), 20_000);
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const value = ready(output);
      if (value !== undefined) { clearTimeout(timer); resolve(value); }
    };
    for (const stream of [child.stdout, child.stderr, child.stdio[3]]) stream?.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited with ${code}:\n${output}`)); });
    // A daemon that says nothing when ready is ready once it is running.
    if (!stdio.includes('pipe')) child.once('spawn', () => { clearTimeout(timer); resolve(/** @type {T} */ (ready(''))); });
  });
  return {
    value,
    async stop() {
      process.removeListener('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}

/**
 * WebKitWebDriver on a free port of 127.0.0.1, with its MiniBrowser windows on a private Xvfb
 * display (MiniBrowser has no headless mode). Stop it to close both.
 * @returns {Promise<{ port: number, capabilities: object, stop: () => Promise<void> }>}
 */
export async function startWebKitDriver() {
  requireEngines(['webkit']);
  const { webDriver, miniBrowser, xvfb } = engines.webkit.files;
  // -displayfd: Xvfb picks a free display number and writes it on fd 3 once it accepts clients.
  const display = await daemon(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], process.env,
    // Its stderr may come first (e.g. "server already running" for displays it skipped): find the number's own line.
    (output) => { const line = /^(\d+)\n/m.exec(output); return line ? `:${line[1]}` : undefined; }, ['ignore', 'ignore', 'pipe', 'pipe']);
  const port = await freePort();
  // WebKitWebDriver prints nothing when ready: ask its /status until it answers.
  const driver = await daemon(webDriver, [`--port=${port}`], { ...process.env, DISPLAY: display.value }, () => port,
    ['ignore', 'inherit', 'inherit']);
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${port}/status`).then((response) => response.ok, () => false);
      if (status) break;
      if (Date.now() > deadline) throw new Error(`${webDriver} did not answer on port ${port} in 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await driver.stop();
    await display.stop();
    throw error;
  }
  return {
    port,
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
    },
    async stop() {
      await driver.stop();
      await display.stop();
    },
  };
}
