// `npm test`: every suite, in stages. Within a stage the suites run side by side, their output held
// back and printed whole when each ends (so it reads as if they ran one after another); a stage
// starts once the previous one passed. The node suites mostly wait (Redis, child processes), so they
// share a stage with the type check (not with the build: beside it, Redis-backed servers under test
// answered past their store's timeout); then the browser suite (its three engines side by side, see
// web-test-runner.config.mjs); then the build, which the end-to-end and package suites use; then the
// end-to-end files in two lanes side by side, one file at a time in each. The end-to-end tests mostly
// wait for real (short) timeouts: one lane left the machine idle most of the time. The lanes are
// balanced by time (about 3.5 minutes each), and the files whose windows are tightest under load
// (resume, frameworks, requirements) are not all in one lane. A new file joins the first lane until it
// is placed. `npm run test:e2e:built` still runs every file in one lane. The time of each suite is
// printed at the end.
import { readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';

const e2eFile = (name) => `test/e2e/${name}.test.ts`;
const secondLane = ['requirements', 'frames', 'presence', 'frameworks', 'resume', 'title'].map(e2eFile);
const firstLane = readdirSync('test/e2e').filter((file) => file.endsWith('.test.ts')).map((file) => `test/e2e/${file}`)
  .filter((file) => !secondLane.includes(file));
const e2eLane = (name, files) => ({
  name, command: ['node', '--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
});

const stages = [
  ['typecheck', 'test:node', 'test:runtimes'],
  ['test:browser'],
  ['build'],
  [e2eLane('test:e2e:built (lane 1)', firstLane), e2eLane('test:e2e:built (lane 2)', secondLane)],
  ['test:package:built'],
];

/** Runs `npm run <script>` (or `{ name, command }`); resolves with its exit code, output and seconds. */
function run(suite, { live }) {
  const started = Date.now();
  const { name: script, command } = typeof suite == 'string' ? { name: suite, command: ['npm', 'run', '--silent', suite] } : suite;
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ script, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const times = [];
const started = Date.now();
for (const stage of stages) {
  const results = await Promise.all(stage.map((script) => run(script, { live: stage.length == 1 })));
  for (const result of results) {
    if (stage.length > 1) process.stdout.write(`\n── ${result.script} ──\n${result.output}`);
    times.push(`${result.script} ${result.seconds.toFixed(0)} s${result.code ? ' (failed)' : ''}`);
  }
  const failed = results.filter((result) => result.code);
  if (failed.length) {
    console.error(`\nnpm test: ${failed.map((result) => result.script).join(', ')} failed.\n${times.join(' · ')}`);
    process.exit(1);
  }
}
console.log(`\nnpm test: every suite passed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${times.join(' · ')}`);
