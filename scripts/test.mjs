// `npm test`: every suite, in stages. Within a stage the suites run side by side, their output held
// back and printed whole when each ends (so it reads as if they ran one after another); a stage
// starts once the previous one passed. The node suites mostly wait (Redis, child processes), so they
// share a stage with the type check (not with the build: beside it, Redis-backed servers under test
// answered past their store's timeout); then the browser suite (its three engines side by side, see
// web-test-runner.config.mjs); then the build, which the end-to-end and package suites use; then the
// end-to-end suite (scripts/e2e.mjs: each file once per engine, four such jobs at a time, with
// browsers kept open across jobs). Every stage keeps the two cores busy, so a stage beside another
// only shares them. The time of each suite is printed at the end.
import { spawn } from 'node:child_process';

const stages = [
  ['typecheck', 'test:node', 'test:runtimes'],
  ['test:browser'],
  ['build'],
  ['test:e2e:built'],
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
