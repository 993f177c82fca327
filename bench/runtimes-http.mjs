/**
 * The sessionTimeout middleware against bare Hono over HTTP on Node, Bun and Deno, in one run: each
 * runtime serves the apps (bench/runtime-http-app.ts, bundled with esbuild: bare Hono, Hono +
 * sessionTimeout, and for scale Hono + an empty middleware) in one process;
 * autocannon (here, in Node) loads one app at a time, every request with the cookie of one signed-in
 * session (the apps without the middleware ignore it, as any app ignores cookies it does not use). The figure is the server's CPU time per request
 * (its `process.cpuUsage()` before and after, divided by the requests answered): on a shared 2-core
 * machine req/s swings with the load generator, CPU per request much less, and its ratio is the
 * throughput ratio of a CPU-bound server.
 *
 * ROUNDS rounds interleave the apps (their order rotating), so drift and other processes' load hit them
 * alike; the ratio bare ÷ sessionTimeout (CPU per request) is the median over rounds of the round's
 * ratio, with a 95 % interval from a paired bootstrap over rounds (bench/bootstrap.mjs). Goal: ≥ 0.8×
 * (issue 11). All apps of a runtime share its process, so bare Hono runs beside the others' code;
 * bench/server-throughput.mjs gives each Node variant a process of its own.
 *
 * Usage:  node bench/runtimes-http.mjs
 * Env:    DURATION (s per run, default 1.5), ROUNDS (default 24), CONNECTIONS (default 32), RUNTIMES (default node,bun,deno),
 *         BEHIND_TLS=1: every request (and the sign-in) carries `X-Forwarded-Proto: https`, as behind a
 *         TLS-terminating proxy in production, so the cookie is the `__Host-` one; without it the requests
 *         are plain http to 127.0.0.1, the local-development path (the middleware then also checks the
 *         forwarding headers before it accepts the unprefixed cookie).
 *         BASELINE=<path of another checkout's src/hono/index.ts>: a fourth app, the same with that
 *         version's sessionTimeout, measured in the same rounds (the ratio this ÷ baseline; e.g. main's).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { bootstrap, formatInterval, median, medianRatio, orderOf, verdict } from './bootstrap.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DURATION = Number(process.env.DURATION ?? 1.5);
const ROUNDS = Number(process.env.ROUNDS ?? 24);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const RUNTIMES = (process.env.RUNTIMES ?? 'node,bun,deno').split(',');
const GOAL = 0.8;
const BASELINE = process.env.BASELINE ? resolve(process.env.BASELINE) : null;
const FORWARDED = process.env.BEHIND_TLS === '1' ? { 'x-forwarded-proto': 'https' } : {};

const commands = {
  node: [process.execPath, []],
  bun: [join(root, 'node_modules/.bin/bun'), []],
  deno: [join(root, 'node_modules/.bin/deno'), ['run', '--allow-net', '--allow-sys', '--allow-env', '--no-prompt']],
};

const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
const cpuMicros = async (base) => Number(await (await fetch(`${base}/cpu`)).text());

/** One run against one app: the server's CPU µs (`cost`) for the requests it answered (`count`). */
async function measure(base, cookie, duration) {
  const before = await cpuMicros(base);
  const result = await autocannon({ url: `${base}/app/page`, connections: CONNECTIONS, duration, headers: { ...FORWARDED, cookie } });
  const after = await cpuMicros(base);
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${base}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { cost: after - before, count: result.requests.total, seconds: result.duration };
}

const version = (runtime) => {
  const [binary] = commands[runtime];
  return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0].replace(/^deno (\S+).*/, '$1').replace(/^v/, '');
};

/** Bundles BASELINE in place of bench/runtime-http-baseline.ts. */
const baselinePlugin = {
  name: 'baseline',
  setup(b) {
    b.onResolve({ filter: /\/runtime-http-baseline\.js$/ }, () => ({ path: BASELINE }));
  },
};

const dir = mkdtempSync(join(tmpdir(), 'session-timeout-bench-http-'));
const lines = [];
try {
  console.log(`${ROUNDS} interleaved rounds × ${DURATION} s per app, ${CONNECTIONS} connections${FORWARDED['x-forwarded-proto'] ? ', X-Forwarded-Proto: https' : ''}; server CPU µs per request, medians over rounds`);
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
      define: { SERVE_BASELINE: String(BASELINE !== null) },
      plugins: BASELINE === null ? [] : [baselinePlugin],
    });
    const [binary, args] = commands[runtime];
    const child = spawn(binary, [...args, bundle], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' } });
    try {
      const line = await new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`${runtime} exited with ${code}`)));
        createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('listening') && resolve(l));
      });
      const [, barePort, guardedPort, emptyPort, baselinePort] = line.split(' ');
      const apps = { bare: `http://127.0.0.1:${barePort}`, guarded: `http://127.0.0.1:${guardedPort}`, empty: `http://127.0.0.1:${emptyPort}` };
      if (baselinePort) apps.baseline = `http://127.0.0.1:${baselinePort}`;
      // Every app gets the session's cookie (the others ignore it), as a real app's requests carry cookies.
      const signIn = async (base) => (await fetch(`${base}/login`, { method: 'POST', headers: FORWARDED })).headers.get('set-cookie').split(';')[0];
      const cookie = await signIn(apps.guarded);
      const cookies = { bare: cookie, guarded: cookie, empty: cookie, ...(apps.baseline ? { baseline: await signIn(apps.baseline) } : {}) };
      const loadBefore = load();
      for (const [name, base] of Object.entries(apps)) await measure(base, cookies[name], 2); // warm-up, not counted
      const rounds = [];
      for (let round = 0; round < ROUNDS; round++) {
        const result = {};
        for (const name of orderOf(Object.keys(apps), round)) result[name] = await measure(apps[name], cookies[name], DURATION);
        rounds.push(result);
      }
      const ratio = bootstrap(rounds, medianRatio('bare', 'guarded'));
      const emptyRatio = bootstrap(rounds, medianRatio('bare', 'empty'));
      const cpu = (name) => median(rounds.map((r) => r[name].cost / r[name].count));
      const rate = (name) => Math.round(median(rounds.map((r) => r[name].count / r[name].seconds)));
      const row =
        `| ${runtime} ${version(runtime)} | ${cpu('bare').toFixed(1)} µs | ${cpu('guarded').toFixed(1)} µs | ` +
        `**${formatInterval(ratio, 2)}** | ${verdict(ratio, GOAL, true)} | ${cpu('empty').toFixed(1)} µs, ${formatInterval(emptyRatio, 2)} | ` +
        `${rate('bare')} / ${rate('guarded')} | ${loadBefore} → ${load()} |` +
        (apps.baseline
          ? ` baseline ${cpu('baseline').toFixed(1)} µs, bare ÷ baseline ${formatInterval(bootstrap(rounds, medianRatio('bare', 'baseline')), 2)}, baseline ÷ this ${formatInterval(bootstrap(rounds, medianRatio('baseline', 'guarded')), 3)} |`
          : '');
      lines.push(row);
      console.error(row);
    } finally {
      child.kill();
    }
  }
  console.log(
    `\n| runtime | bare Hono | + sessionTimeout | ratio bare ÷ sessionTimeout (CPU per request) | ≥ ${GOAL}× | ` +
      '+ empty middleware, ratio bare ÷ empty (for scale) | req/s bare / sessionTimeout | load average |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of lines) console.log(row);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
