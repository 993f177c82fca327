// test/node/run-together.ts, the Node suites' runner of several files in one process: each file's tests
// and top-level hooks stay its own, and a file that fails, or fails to load, fails the run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs `files` (name → source), written to a folder of their own, through run-together.ts; its exit code and output. */
function runTogether(files: Record<string, string>): { code: number | null; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'run-together-'));
  try {
    for (const [name, source] of Object.entries(files)) writeFileSync(join(folder, name), source);
    const paths = Object.keys(files).map((name) => join(folder, name));
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--test-reporter=spec', 'test/node/run-together.ts', ...paths],
      { cwd: root, encoding: 'utf8', timeout: 60_000 });
    return { code: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('run-together.ts', () => {
  it('keeps each file\'s top-level hooks to its own tests', () => {
    const { code, output } = runTogether({
      'a.test.ts': `import { afterEach, before, it } from 'node:test';
        let ready = false;
        before(() => { ready = true; });
        afterEach(() => { throw new Error('a\\'s afterEach ran'); });
        it('a sees its before', () => { if (!ready) throw new Error('not ready'); });`,
      'b.test.ts': `import { it } from 'node:test';
        it('b runs without a\\'s hooks', () => {});`,
    });
    assert.match(output, /✔ b runs without a's hooks/);
    assert.match(output, /a's afterEach ran/, 'a\'s own afterEach ran for a');
    assert.equal(code, 1, 'and failed the run');
    assert.doesNotMatch(output.slice(output.indexOf('b.test.ts')), /✖ b runs/);
  });

  it('fails the run for a file that cannot load, naming it, and still runs the others', () => {
    const { code, output } = runTogether({
      'a.test.ts': `throw new Error('a cannot load');`,
      'b.test.ts': `import { it } from 'node:test';\nit('b passes', () => {});`,
    });
    assert.equal(code, 1);
    assert.match(output, /✖ .*a\.test\.ts[\s\S]*a cannot load/);
    assert.match(output, /✔ b passes/);
  });

  it('passes when every file passes', () => {
    const { code } = runTogether({ 'a.test.ts': `import { it } from 'node:test';\nit('a', () => {});` });
    assert.equal(code, 0);
  });
});
