// `npm run test:e2e:built [-- files…]`: the end-to-end suite, one job per file and engine, a few at
// a time. Each job is `node <file's bundle>` with `BROWSERS=<engine>`: its own demo server and browser.
// The file is run as a script, whose node:test tests report when it ends, not through `node --test`,
// whose runner would be one more Node process in each job; and as JavaScript bundled once per run
// (scripts/e2e-bundles.mjs), not through tsx, whose loader cost each job and demo server about 0.5 s of CPU.
//
// Why jobs of one engine, not files of three: a file took as long as its slowest engine (Firefox,
// mostly), while the other two engines' browsers sat idle. Three jobs at once keep the two cores
// about 90 % busy (the suite is bound by CPU: each signed-in window costs Chromium about 3 s of it,
// Firefox about 2.4). Four were faster (310 s against 365) but a clean-clone run at four missed a
// WebKit two-tab window; six browsers (two files of three engines side by side) made every file
// about twice as slow and missed those windows.
//
// Chromium and Firefox are launched once and kept open: a job gets one to itself (its address in
// E2E_BROWSER_ENDPOINT; test/e2e/harness.ts connects to it), and when the job ends the browser is
// emptied of what it left and handed to the next job of its engine. Launching one, with the work it
// does in its first seconds, cost about 7 s of CPU for Firefox and 4 for Chromium in each of the 22
// jobs (and 59 s of a run that took 359), on a machine the jobs keep busy.
//
// The longest jobs start first (times from the previous run on this machine, kept in
// node_modules/.cache; else the figures below), so the run ends with short jobs, not one long one.
// Each job's output is held and printed whole when it ends. `E2E_JOBS` sets how many run at once,
// `BROWSERS` which engines' jobs run.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { selectedEngines } from '../test/engines.mjs';
import { BrowserPool } from './browser-pool.mjs';
import { bundleE2e } from './e2e-bundles.mjs';
import { inTurn, runHeld, timeOf } from './processes.mjs';

const jobsAtOnce = Math.max(1, Number(process.env.E2E_JOBS ?? 3));
/** A job that runs this long has hung: it is stopped and fails. */
const JOB_TIMEOUT_MS = 5 * 60_000;
const cacheFile = new URL('../node_modules/.cache/session-timeout-e2e-times.json', import.meta.url);

/** Seconds per `file engine`, measured on the 2-core machine: only the order of the jobs depends on them. */
const measured = {
  'tabs.test.ts firefox': 98, 'tabs.test.ts chromium': 94, 'tabs.test.ts webkit': 27,
  'requirements.test.ts webkit': 70, 'requirements.test.ts firefox': 42, 'requirements.test.ts chromium': 42,
  'frames.test.ts webkit': 67, 'frames.test.ts chromium': 52, 'frames.test.ts firefox': 43,
  'presence.test.ts webkit': 60, 'presence.test.ts chromium': 45, 'presence.test.ts firefox': 35,
  'frameworks.test.ts firefox': 43, 'frameworks.test.ts chromium': 33, 'frameworks.test.ts webkit': 2,
  'server-durations.test.ts webkit': 36, 'server-durations.test.ts chromium': 23, 'server-durations.test.ts firefox': 14,
  'server-authority.test.ts firefox': 33, 'server-authority.test.ts chromium': 27, 'server-authority.test.ts webkit': 1,
  'resume.test.ts firefox': 26, 'resume.test.ts chromium': 21, 'resume.test.ts webkit': 1,
  'express.test.ts chromium': 24, 'express.test.ts firefox': 3, 'express.test.ts webkit': 1,
  'quick-starts.test.ts chromium': 15, 'quick-starts.test.ts firefox': 13, 'quick-starts.test.ts webkit': 2,
  'drop-in.test.ts firefox': 14, 'drop-in.test.ts chromium': 14, 'drop-in.test.ts webkit': 1,
};

const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync('test/e2e').filter((name) => name.endsWith('.test.ts')).map((name) => `test/e2e/${name}`);
const lastRun = readTimes();
const estimate = (job) => lastRun[job.name] ?? measured[job.name] ?? 30;
const queue = files.flatMap((file) => selectedEngines().map((engine) => ({ file, engine, name: `${basename(file)} ${engine}` })))
  .sort((a, b) => estimate(b) - estimate(a));

const started = Date.now();
let bundled;
try {
  bundled = await bundleE2e(files);
} catch (error) {
  console.error(`e2e: the test files or the demo server did not build: ${error.message}`);
  process.exit(1);
}
const browsers = new BrowserPool();
const results = await inTurn(queue, jobsAtOnce, runWithBrowser);
await browsers.stop();

writeTimes(Object.fromEntries(results.filter((result) => result.code === 0).map((result) => [result.name, Math.round(result.seconds)])));
const failed = results.filter((result) => result.code !== 0);
console.log(`\ne2e: ${results.length - failed.length} of ${results.length} jobs passed in ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
  `${jobsAtOnce} at a time, with ${browsers.launched.length} browsers launched for ${results.filter((result) => !result.name.endsWith('webkit')).length} Chromium and Firefox jobs:\n  ${results.map(timeOf).join('\n  ')}`);
if (failed.length) {
  console.error(`\ne2e failed: ${failed.map((result) => result.name).join(', ')}`);
  process.exit(1);
}

/**
 * Runs one job with a browser of the pool (none for WebKit, whose tests start their own), as a process
 * group of its own (a hung job's server and browsers stop with it).
 */
async function runWithBrowser({ file, engine, name }) {
  let browser;
  try {
    browser = await browsers.acquire(engine);
  } catch (error) {
    console.log(`\n── ${name} ──\ne2e: the ${engine} browser did not start: ${error.stack}`);
    return { name, code: 1, seconds: 0 };
  }
  console.log(`▶ ${name}`);
  try {
    return await runHeld(name, process.execPath, ['--enable-source-maps', '--test-reporter=spec', bundled.bundles.get(file)], {
      env: {
        ...process.env, BROWSERS: engine, E2E_DEMO_SERVER: bundled.demoServer,
        ...(browser ? { E2E_BROWSER_ENDPOINT: browser.endpoint } : {}),
      },
      timeoutMs: JOB_TIMEOUT_MS,
    });
  } finally {
    if (browser) await browsers.release(browser);
  }
}

function readTimes() {
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8'));
  } catch {
    return {};
  }
}

/** Keeps this run's times (of the jobs that passed) over the previous ones, for the next run's order. */
function writeTimes(times) {
  try {
    mkdirSync(new URL('.', cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ ...readTimes(), ...times }, null, 2));
  } catch {
    // Only the order of the next run depends on it.
  }
}
