/**
 * Test files of test/node in one process (scripts/node-tests.mjs starts a few): those of each folder
 * named, and each file named. Each file is imported inside a suite named after it, so its tests, and
 * hooks written at its top level (a Redis server started in `before`, `Date.now` restored in
 * `afterEach`), stay its own, as they were in a process of its own. The files run one after another.
 *
 *   node --import tsx --test-reporter=spec test/node/run-together.ts test/node/hono test/node/redis/redis-store.test.ts
 */
import { readdirSync, statSync } from 'node:fs';
import { describe } from 'node:test';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const named = process.argv.slice(2);
if (!named.length) throw new Error('run-together.ts: name the test files, or the folders of test files, to run');
const files = named.flatMap((path) => statSync(path).isDirectory()
  ? readdirSync(path).filter((name) => name.endsWith('.test.ts')).sort().map((name) => join(path, name))
  : [path]);
if (!files.length) throw new Error(`run-together.ts: no *.test.ts file in ${named.join(', ')}`);

for (const file of files) {
  describe(relative(process.cwd(), resolve(file)), async () => {
    await import(pathToFileURL(resolve(file)).href);
  });
}
