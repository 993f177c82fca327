/**
 * The sessionTimeout middleware against bare Hono over HTTP on Node, Bun and Deno, in one run: each
 * runtime serves both apps (bench/runtime-http-app.ts, bundled with esbuild) in one process;
 * autocannon (here, in Node) loads one app at a time, rounds interleaved. The figure is the server's
 * CPU time per request (its `process.cpuUsage()` before and after, divided by the requests
 * answered): on a shared 2-core machine req/s swings with the load generator, CPU per request does
 * not, and its ratio is the throughput ratio of a CPU-bound server. Median of the rounds.
 *
 * Usage:  node bench/runtimes-http.mjs
 * Env:    DURATION (s per run, default 3), ROUNDS (default 5), CONNECTIONS (default 32), RUNTIMES (default node,bun,deno)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const DURATION = Number(process.env.DURATION ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const RUNTIMES = (process.env.RUNTIMES ?? 'node,bun,deno').split(',');

const commands = {
  node: [process.execPath, []],
  bun: [join(root, 'node_modules/.bin/bun'), []],
  deno: [join(root, 'node_modules/.bin/deno'), ['run', '--allow-net', '--allow-sys', '--allow-env', '--no-prompt']],
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMicros = async (base) => Number(await (await fetch(`${base}/cpu`)).text());

async function measure(base, cookie, duration) {
  const before = await cpuMicros(base);
  const result = await autocannon({ url: `${base}/app/page`, connections: CONNECTIONS, duration, headers: cookie ? { cookie } : {} });
  const after = await cpuMicros(base);
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${base}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { cpu: (after - before) / result.requests.total, rate: result.requests.average };
}

const dir = mkdtempSync(join(tmpdir(), 'session-timeout-bench-http-'));
try {
  console.log(`${DURATION} s × ${ROUNDS} rounds per app, ${CONNECTIONS} connections; server CPU µs per request (median round)\n`);
  console.log('| runtime | bare Hono | + sessionTimeout | ratio (bare ÷ sessionTimeout CPU) | req/s bare / sessionTimeout |');
  console.log('|---|---|---|---|---|');
  for (const runtime of RUNTIMES) {
    const bundle = join(dir, `${runtime}.mjs`);
    await build({
      entryPoints: [join(root, 'bench/runtime-http-app.ts')],
      outfile: bundle,
      bundle: true,
      format: 'esm',
      platform: runtime === 'node' ? 'node' : 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      external: ['node:*', ...(runtime === 'node' ? [] : ['@hono/node-server'])],
      logLevel: 'error',
    });
    const [binary, args] = commands[runtime];
    const child = spawn(binary, [...args, bundle], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' } });
    try {
      const line = await new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`${runtime} exited with ${code}`)));
        createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('listening') && resolve(l));
      });
      const [, barePort, guardedPort] = line.split(' ');
      const bare = `http://127.0.0.1:${barePort}`;
      const guarded = `http://127.0.0.1:${guardedPort}`;
      const cookie = (await fetch(`${guarded}/login`, { method: 'POST' })).headers.get('set-cookie').split(';')[0];
      await measure(bare, null, 1); // warm-up, not counted
      await measure(guarded, cookie, 1);
      const runs = { bare: [], guarded: [] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.bare.push(await measure(bare, null, DURATION));
        runs.guarded.push(await measure(guarded, cookie, DURATION));
      }
      const cpuBare = median(runs.bare.map((r) => r.cpu));
      const cpuGuarded = median(runs.guarded.map((r) => r.cpu));
      const rate = (xs) => Math.round(median(xs.map((r) => r.rate)));
      console.log(
        `| ${runtime} | ${cpuBare.toFixed(1)} µs | ${cpuGuarded.toFixed(1)} µs | **${(cpuBare / cpuGuarded).toFixed(2)}×** | ${rate(runs.bare)} / ${rate(runs.guarded)} |`,
      );
    } finally {
      child.kill();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
