// Running the suites' processes, for `npm test` (scripts/test.mjs), the Node suites' runner
// (scripts/node-tests.mjs) and the e2e runner (scripts/e2e.mjs): a command's output held back (or
// shown live), its time, a stop that takes everything it started with it, and a few at a time.
import { spawn } from 'node:child_process';

/** The groups running now: an interrupted run (Ctrl-C, SIGTERM) stops them too. */
const groups = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/** Stops every group still running. */
export function stopAll() {
  for (const child of groups) stopGroup(child);
}

/** Stops `child`'s whole process group (a command started with `group`). */
export function stopGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // It ended meanwhile.
  }
}

/**
 * Runs `command` with `args`; resolves with its exit code (1 when killed), its output (empty when
 * `live`: it went to ours as it came) and its seconds.
 * - `group`: in a session and process group of its own, which {@link stopGroup} stops whole;
 * - `timeoutMs`: a group still running then is stopped, and says so in its output;
 * - `started(child)`: called as soon as it is spawned, before it has started anything of its own.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, live?: boolean, group?: boolean, timeoutMs?: number, started?: (child: import('node:child_process').ChildProcess) => void }} [options]
 * @returns {Promise<{ code: number, output: string, seconds: number }>}
 */
export function runCommand(command, args, { env = process.env, live = false, group = false, timeoutMs, started } = {}) {
  const startedAt = Date.now();
  const child = spawn(command, args, { env, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'], detached: group });
  if (group) groups.add(child);
  started?.(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const timer = group && timeoutMs !== undefined ? setTimeout(() => {
    output += `\nstill running after ${timeoutMs / 1000} s: stopped\n`;
    stopGroup(child);
  }, timeoutMs) : undefined;
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      groups.delete(child);
      resolve({ code: code ?? 1, output, seconds: (Date.now() - startedAt) / 1000 });
    });
  });
}

/** Runs `work` on each of `items`, `atOnce` at a time, in their order; resolves with the results in the order they ended. */
export async function inTurn(items, atOnce, work) {
  const queue = [...items];
  const results = [];
  await Promise.all(Array.from({ length: Math.min(atOnce, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) results.push(await work(item));
  }));
  return results;
}

/**
 * Runs `command` as a group of its own, stopped after `timeoutMs`, its output held and printed whole
 * under `name` and its seconds when it ends; resolves with `{ name, code, output, seconds }`.
 */
export async function runHeld(name, command, args, { env = process.env, timeoutMs }) {
  const result = await runCommand(command, args, { env, group: true, timeoutMs });
  process.stdout.write(`\n── ${name} (${result.seconds.toFixed(0)} s) ──\n${result.output}`);
  return { name, ...result };
}

/** `name N s`, and `(failed)` after a run that failed: for the summaries. */
export const timeOf = ({ name, code, seconds }) => `${name} ${seconds.toFixed(0)} s${code ? ' (failed)' : ''}`;
