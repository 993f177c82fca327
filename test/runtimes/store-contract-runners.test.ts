// The published store contract suite (session-timeout-element/hono/testing) runs in other test runners than
// node:test: here under `bun test`, with bun:test's describe/it. It passes for the MemoryStore and
// reports the failures of a store that loses per-session policies.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { checkBinary, runtimes } from './runtimes.js';

const bun = runtimes.find((runtime) => runtime.name === 'bun')!;
const entry = './test/runtimes/entries/store-contract.bun.ts';
const run = (env: Record<string, string> = {}) =>
  spawnSync(bun.binary, ['test', entry], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

describe('the store contract suite under bun:test', () => {
  it('passes for the MemoryStore', () => {
    checkBinary(bun);
    const result = run();
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /\b[1-9]\d* pass\b/);
    assert.match(result.stderr, /\b0 fail\b/);
  });

  it('fails, naming the rules, for a store that loses per-session policies', () => {
    checkBinary(bun);
    const result = run({ BROKEN: '1' });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /\(fail\) a store that loses policies .*own idle limit/);
    assert.match(result.stderr, /StoreContractError/);
  });
});
