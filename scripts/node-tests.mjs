// `npm run test:node [-- folders or files…]`: the suites that run under Node (test/node), one process
// per folder (a layer: hono, session, redis, …), four at a time; but the files of the folders whose
// tests wait on real time (the conformance kit's timeouts, Redis going away) each get a process, and
// start first, so that their waits overlap. A process runs its files one after another
// (test/node/run-together.ts), each inside a suite of its own, so hooks at a file's top level stay its own.
//
// Why not `node --test` over the files, a process for each: each process starts Node and tsx and
// loads what its file needs, about 1 s of CPU before the first test, and the stage is bound by CPU.
// For 56 files that was 87 s of CPU and 41–56 s; a process per folder took 38 s of CPU and 35 s,
// most of it the Redis folder's waits one after another. Node 22's --test-isolation=none shares a
// process this way; Node 20, the floor we test on, lacks it. What a folder's files share is the
// process: a test leaves no global changed (a file that cannot, say one that must replace `Request`,
// goes in a folder of its own).
//
// Each process's output is printed whole when it ends, then every process's time.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inTurn, runHeld, timeOf } from './processes.mjs';

const AT_ONCE = 4;
/** A process that runs this long has hung: it is stopped and fails. */
const TIMEOUT_MS = 5 * 60_000;
/** The folders whose tests wait on real time: a process per file, first. */
const WAITING = ['test/node/redis', 'test/node/conformance'];

/** The test files of `folder`, in name order. */
function testFilesIn(folder) {
  const files = readdirSync(folder).filter((name) => name.endsWith('.test.ts')).sort().map((name) => join(folder, name));
  if (!files.length) throw new Error(`test:node: no *.test.ts file in ${folder}`);
  return files;
}

const named = process.argv.length > 2
  ? process.argv.slice(2).map((path) => path.replace(/\/$/, ''))
  : readdirSync('test/node', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `test/node/${entry.name}`);
/** The processes to run, each named by what it runs: a file of a waiting folder, another folder, or a file named. */
const processes = [
  ...named.filter((path) => WAITING.includes(path)).flatMap((folder) => testFilesIn(folder).map((file) => ({ name: file, files: [file] }))),
  ...named.filter((path) => !WAITING.includes(path)).map((path) => ({ name: path, files: statSync(path).isDirectory() ? testFilesIn(path) : [path] })),
];

const started = Date.now();
const results = await inTurn(processes, AT_ONCE, ({ name, files }) =>
  runHeld(name, process.execPath, ['--import', 'tsx', '--test-reporter=spec', 'test/node/run-together.ts', ...files], { timeoutMs: TIMEOUT_MS }));

const failed = results.filter((result) => result.code !== 0);
console.log(`\ntest:node: ${results.length - failed.length} of ${results.length} processes passed in ${((Date.now() - started) / 1000).toFixed(0)} s: ` +
  results.map(timeOf).join(' · '));
if (failed.length) {
  console.error(`test:node failed: ${failed.map((result) => result.name).join(', ')}`);
  process.exit(1);
}
