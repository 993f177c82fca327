// scripts/processes.mjs, what npm test and the suites' runners start processes with: a few at a time,
// a hung group stopped whole at its timeout, and every group stopped when a run gives up.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
// @ts-expect-error: a JavaScript module without declarations
import * as processes from '../../../scripts/processes.mjs';

type Result = { code: number; output: string; seconds: number };
const { inTurn, runCommand, stopAll } = processes as {
  inTurn: <T, R>(items: T[], atOnce: number, work: (item: T) => Promise<R>) => Promise<R[]>;
  runCommand: (command: string, args: string[], options?: { group?: boolean; timeoutMs?: number }) => Promise<Result>;
  stopAll: () => void;
};

/**
 * Whether process `pid` still runs: not gone, and not a zombie (a killed process whose parent was
 * killed too waits there until something reaps it; in a container, maybe nothing does).
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc here: kill(0) answered
  }
}

describe('processes.mjs', () => {
  it('inTurn works on every item once, never more than atOnce at a time, and gives results in the order they ended', async () => {
    let running = 0;
    let most = 0;
    const results = await inTurn([300, 5, 10, 1, 1], 2, async (ms: number) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms;
    });
    assert.equal(most, 2);
    assert.deepEqual([...results].sort((a, b) => a - b), [1, 1, 5, 10, 300]);
    assert.equal(results.at(-1), 300, 'the longest, started first, ended last');
  });

  it('stops a group still running at its timeout, with what it started, and says so', async () => {
    // A shell that starts a sleeper of its own and prints its pid.
    const run = runCommand('sh', ['-c', 'sleep 30 & echo $!; wait'], { group: true, timeoutMs: 500 });
    const { code, output, seconds } = await run;
    assert.equal(code, 1);
    assert.match(output, /still running after 0.5 s: stopped/);
    assert.ok(seconds < 10, `stopped at its timeout, not after the sleep: ${seconds} s`);
    const sleeper = Number(output.split('\n')[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(alive(sleeper), false, 'the sleeper it started was stopped too');
  });

  it('stopAll stops every group still running', async () => {
    const started = Date.now();
    const runs = [runCommand('sleep', ['30'], { group: true }), runCommand('sleep', ['30'], { group: true })];
    await new Promise((resolve) => setTimeout(resolve, 100));
    stopAll();
    const results = await Promise.all(runs);
    assert.deepEqual(results.map((result) => result.code), [1, 1]);
    assert.ok(Date.now() - started < 10_000);
  });
});
