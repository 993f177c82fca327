/**
 * Per-request cost of the sessionTimeout middleware against bare Hono on Node, Bun and Deno, in one
 * run: bundles bench/runtime-overhead.ts with esbuild, runs the bundle with each runtime's binary
 * (from the devDependencies), one runtime after another, and prints µs per request and the ratios.
 *
 * Usage:  node bench/runtimes.mjs
 * Env:    REQUESTS (per variant per round, default 20000), ROUNDS (default 7), RUNTIMES (default node,bun,deno)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const REQUESTS = Number(process.env.REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
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
  console.log(`${REQUESTS} requests per variant per round, median of ${ROUNDS} rounds, in-process app.fetch\n`);
  console.log('| runtime | bare Hono | + empty middleware | + sessionTimeout | middleware cost | throughput ratio (bare ÷ sessionTimeout time) |');
  console.log('|---|---|---|---|---|---|');
  for (const runtime of RUNTIMES) {
    const [binary, args] = commands[runtime];
    const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0].replace(/^deno (\S+).*/, '$1');
    const out = execFileSync(binary, [...args, bundle], { encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' } });
    const { bare, empty, timeout } = JSON.parse(out.trim().split('\n').pop());
    const f = (us) => `${us.toFixed(2)} µs`;
    console.log(`| ${runtime} (${version}) | ${f(bare)} | ${f(empty)} | ${f(timeout)} | +${(timeout - bare).toFixed(2)} µs | **${(bare / timeout).toFixed(2)}×** |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
