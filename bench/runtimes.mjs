/**
 * Per-request cost of the sessionTimeout middleware against bare Hono on Node, Bun and Deno, in one
 * run: bundles bench/runtime-overhead.ts with esbuild, runs the bundle with each runtime's binary
 * (from the devDependencies), one runtime after another, and prints µs per request and the ratios:
 * medians over interleaved rounds, each ratio with a 95 % interval from a paired bootstrap over rounds
 * (bench/bootstrap.mjs).
 *
 * Usage:  node bench/runtimes.mjs
 * Env:    REQUESTS (per variant per round, default 5000), ROUNDS (default 25), RUNTIMES (default node,bun,deno)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { build } from 'esbuild';
import { bootstrap, formatInterval, median, medianRatio, verdict } from './bootstrap.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const REQUESTS = Number(process.env.REQUESTS ?? 5_000);
const ROUNDS = Number(process.env.ROUNDS ?? 25);
const RUNTIMES = (process.env.RUNTIMES ?? 'node,bun,deno').split(',');

const commands = {
  node: [process.execPath, []],
  bun: [join(root, 'node_modules/.bin/bun'), []],
  deno: [join(root, 'node_modules/.bin/deno'), ['run', '--no-prompt']],
};

const dir = mkdtempSync(join(tmpdir(), 'session-timeout-bench-'));
const bundle = join(dir, 'bench.mjs');
try {
  await build({
    entryPoints: [join(root, 'bench/runtime-overhead.ts')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    define: { REQUESTS: String(REQUESTS), ROUNDS: String(ROUNDS) },
    logLevel: 'error',
  });
  const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
  console.log(`${REQUESTS} requests per variant per round, ${ROUNDS} interleaved rounds, in-process app.fetch; medians over rounds\n`);
  console.log('| runtime | bare Hono | + empty middleware | + sessionTimeout | middleware cost | ratio bare ÷ sessionTimeout | ≥ 0.8× | ratio bare ÷ empty | load average |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const runtime of RUNTIMES) {
    const [binary, args] = commands[runtime];
    const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0].replace(/^deno (\S+).*/, '$1');
    const loadBefore = load();
    const out = execFileSync(binary, [...args, bundle], { encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' } });
    const rounds = JSON.parse(out.trim().split('\n').pop());
    const us = (name) => median(rounds.map((r) => r[name].cost / r[name].count));
    const f = (x) => `${x.toFixed(2)} µs`;
    const ratio = bootstrap(rounds, medianRatio('bare', 'timeout'));
    const empty = bootstrap(rounds, medianRatio('bare', 'empty'));
    console.log(
      `| ${runtime} (${version}) | ${f(us('bare'))} | ${f(us('empty'))} | ${f(us('timeout'))} | +${(us('timeout') - us('bare')).toFixed(2)} µs | ` +
        `**${formatInterval(ratio, 2)}** | ${verdict(ratio, 0.8, true)} | ${formatInterval(empty, 2)} | ${loadBefore} → ${load()} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
