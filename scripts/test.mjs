// `npm test`: every suite, in stages; a stage starts once the previous one passed. Every stage keeps
// the two cores busy, so what decides the time is CPU, not waiting:
//   1. the node suites and the runtimes suite, side by side (they start many processes; not beside
//      the build: there, Redis-backed servers under test answered past their store's timeout);
//   2. the build, which the end-to-end and package suites use;
//   3. the browser suite (its three engines side by side, see web-test-runner.config.mjs), and beside
//      it the end-to-end suite's WebKit jobs, two at a time;
//   4. the end-to-end suite's Chromium and Firefox jobs (scripts/e2e.mjs: each file once per engine,
//      three such jobs at a time, with browsers kept open across jobs).
// Why WebKit's end-to-end jobs go beside the browser suite: they cost little CPU (WebDriver classic;
// most of their 270 s of jobs is the sessions' real timeouts), and the browser suite leaves some CPU
// idle, while in stage 4 they held a third of its job slots. Side by side, the browser suite took
// 124–131 s (102 alone) and the WebKit jobs 136–145 s; `npm test` went from 467–492 s to 455–486.
// The type check and the package checks need no timer to be on time, only CPU: they run in the
// background of stage 4, at the lowest priority, so they take the CPU it leaves idle (the seconds
// between jobs, about a fifth of it) and not the CPU its real-time windows need. (Beside stage 3,
// which leaves almost none, the type check took 142 s and held the stage back.) Lowest means
// nice 19 for their processes and, where Linux groups CPU time by session (autogroup: the browsers
// and e2e jobs each run in a session of their own), for their own session's group too; a plain nice
// within one group of several did not hold them back (the e2e stage took 338 s instead of 295).
// A foreground suite alone in its stage prints as it runs; the others' output is held back and
// printed whole when each ends. The time of each suite is printed at the end. `BROWSERS` (a
// comma-separated list) narrows every browser suite, as it does each.
import { writeFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { selectedEngines } from '../test/engines.mjs';
import { runCommand } from './processes.mjs';

const engines = selectedEngines();
const webkit = engines.filter((engine) => engine === 'webkit');
const others = engines.filter((engine) => engine !== 'webkit');
/** The end-to-end suite in `some` engines, `jobs` at a time; none when `some` is empty. */
const e2e = (some, jobs) => (some.length ? [{ script: 'test:e2e:built', name: `test:e2e:built (${some.join(', ')})`,
  env: { BROWSERS: some.join(','), ...(jobs ? { E2E_JOBS: String(jobs) } : {}) } }] : []);

/** Each stage: its suites (`npm run` scripts, or { script, name, env }), and those that run in its background. */
const stages = [
  { suites: ['test:node', 'test:runtimes'] },
  { suites: ['build'] },
  { suites: ['test:browser', ...e2e(webkit, 2)] },
  { suites: e2e(others), background: ['typecheck', 'test:package:built'] },
].map(({ suites, background = [] }) => ({ suites: suites.map(asSuite), background: background.map(asSuite) }));

function asSuite(suite) {
  return typeof suite == 'string' ? { script: suite, name: suite, env: {} } : suite;
}

/** Runs `npm run <script>`; resolves with its name, exit code, output and seconds. */
async function run({ script, name, env }, { live, background }) {
  const result = await runCommand('npm', ['run', '--silent', script],
    { env: { ...process.env, ...env }, live, group: background, started: background ? lowerPriority : undefined });
  return { script: name, ...result };
}

/**
 * The lowest CPU priority for `child` (a session leader) and what it starts: set before npm starts the
 * script's own processes, which inherit it. Where either cannot be set, the suite still runs.
 */
function lowerPriority(child) {
  try { setPriority(child.pid, constants.priority.PRIORITY_LOW); } catch { /* not on this system */ }
  try { writeFileSync(`/proc/${child.pid}/autogroup`, String(constants.priority.PRIORITY_LOW)); } catch { /* no autogroup */ }
}

const times = [];
const started = Date.now();
for (const { suites, background } of stages) {
  const results = await Promise.all([
    ...suites.map((suite) => run(suite, { live: suites.length == 1, background: false })),
    ...background.map((suite) => run(suite, { live: false, background: true })),
  ]);
  for (const result of results) {
    if (result.output) process.stdout.write(`\n── ${result.script} ──\n${result.output}`);
    times.push(`${result.script} ${result.seconds.toFixed(0)} s${result.code ? ' (failed)' : ''}`);
  }
  const failed = results.filter((result) => result.code);
  if (failed.length) {
    console.error(`\nnpm test: ${failed.map((result) => result.script).join(', ')} failed.\n${times.join(' · ')}`);
    process.exit(1);
  }
}
console.log(`\nnpm test: every suite passed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${times.join(' · ')}`);
