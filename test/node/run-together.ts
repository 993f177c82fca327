/**
 * Test files of test/node in one process (scripts/node-tests.mjs starts a few, and lists the files of
 * each). Each file is imported inside a suite named after it, so its tests, and hooks written at its
 * top level (a Redis server started in `before`, `Date.now` restored in `afterEach`), stay its own, as
 * they were in a process of its own. The files run one after another.
 *
 *   node --import tsx --test-reporter=spec test/node/run-together.ts test/node/hono/ping.test.ts test/node/hono/state.test.ts
 */
import { describe } from 'node:test';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const files = process.argv.slice(2);
if (!files.length) throw new Error('run-together.ts: name the test files to run');

for (const file of files) {
  describe(relative(process.cwd(), resolve(file)), async () => {
    await import(pathToFileURL(resolve(file)).href);
  });
}
