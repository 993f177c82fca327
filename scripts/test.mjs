// `npm test`: every suite, in stages; a stage starts once the previous one passed. Every stage keeps
// the two cores busy, so what decides the time is CPU, not waiting:
//   1. the node suites and the runtimes suite, side by side (they start many processes; not beside
//      the build: there, Redis-backed servers under test answered past their store's timeout);
//   2. the browser suite (its three engines side by side, see web-test-runner.config.mjs);
//   3. the build, which the end-to-end and package suites use;
//   4. the end-to-end suite (scripts/e2e.mjs: each file once per engine, three such jobs at a time,
//      with browsers kept open across jobs).
// The type check and the package checks need no timer to be on time, only CPU: they run in the
// background, at the lowest priority, from the stage they can start in (the type check beside the
// build, which keeps one core busy, the package checks on the build) until they end, on through the
// later stages, and the run waits for them at its end (a failure among them ends the run when it
// comes). So they take the CPU the stages leave idle (a single-threaded build, the seconds the
// end-to-end jobs wait) and not the CPU that real-time windows need: the browser suite, beside
// which the type check ran before, has none idle. Lowest means nice 19 for their processes and,
// where Linux groups CPU time by session (autogroup: the browsers and e2e jobs each run in a session
// of their own), for their own session's group too; a plain nice within one group of several did
// not hold them back (the e2e stage took 338 s instead of 295).
// A foreground suite alone in its stage prints as it runs; the others' output is held back and
// printed whole when each ends. The time of each suite is printed at the end.
import { writeFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { runCommand, stopAll } from './processes.mjs';

/** Each stage: its suites (`npm run` scripts), and those started with it in the background, which run on until they end. */
const stages = [
  { suites: ['test:node', 'test:runtimes'] },
  { suites: ['test:browser'] },
  { suites: ['build'], background: ['typecheck'] },
  { suites: ['test:e2e:built'], background: ['test:package:built'] },
];

/**
 * Runs `npm run <script>` as a group of its own (a failure elsewhere stops it whole); resolves with its
 * name, exit code, output and seconds.
 */
async function run(script, { live, background }) {
  const result = await runCommand('npm', ['run', '--silent', script], { live, group: true, started: background ? lowerPriority : undefined });
  return { script, ...result };
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
/** The background suites started so far, each reported as it ends (a failure ends the run then). */
const background = [];
for (const stage of stages) {
  background.push(...(stage.background ?? []).map((script) => run(script, { live: false, background: true }).then((result) => report([result]))));
  report(await Promise.all(stage.suites.map((script) => run(script, { live: stage.suites.length == 1, background: false }))));
}
await Promise.all(background);
console.log(`\nnpm test: every suite passed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${times.join(' · ')}`);

/** Prints what `results` held back and their times; on a failure, stops what still runs and exits. */
function report(results) {
  for (const result of results) {
    if (result.output) process.stdout.write(`\n── ${result.script} ──\n${result.output}`);
    times.push(`${result.script} ${result.seconds.toFixed(0)} s${result.code ? ' (failed)' : ''}`);
  }
  const failed = results.filter((result) => result.code);
  if (failed.length) {
    console.error(`\nnpm test: ${failed.map((result) => result.script).join(', ')} failed.\n${times.join(' · ')}`);
    stopAll();
    process.exit(1);
  }
}
