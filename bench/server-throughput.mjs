/**
 * Requests per second through the sessionTimeout middleware (live session, MemoryStore) against
 * the same Hono app without it, and against express + express-session (rolling: true, MemoryStore),
 * in one run on one machine.
 *
 * Each server runs in its own process (bench/server-app.ts); autocannon runs here, on 127.0.0.1,
 * sending one signed-in session's cookie with every request (the bare app gets it too and ignores it).
 * Variants are interleaved round by round (their order rotating) so drift in the machine's speed and
 * other processes' load hit them all alike. Each ratio is the median over rounds of the round's ratio,
 * with a 95 % interval from a paired bootstrap over rounds (bench/bootstrap.mjs): the verdict against
 * a target is "met" only when the whole interval clears it, "not met" when none of it does.
 *
 * Beside req/s it reports the server's CPU time per request (process.cpuUsage() of the server
 * process before and after each run, divided by the requests it answered). On a shared or
 * 2-core machine, where autocannon and the server compete for CPU, req/s swings from run to run;
 * CPU µs per request does not, and its ratio is the throughput ratio of a CPU-bound server.
 *
 * Usage:  node --import tsx bench/server-throughput.mjs
 * Env:    DURATION (s per measured run, default 1.5), WARMUP (s, default 2), CONNECTIONS (default 32),
 *         ROUNDS (default 20), PIPELINING (default 1), VARIANTS (comma list; default
 *         hono-bare,hono-empty,hono-timeout,express-session),
 *         TOUCH_AFTER (s, passed to hono-timeout; default 0); BASELINE (path of another checkout's
 *         src/hono/index.ts, for the variant hono-timeout-baseline; see bench/server-app.ts)
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { bootstrap, formatInterval, median, medianRatio, orderOf, verdict } from './bootstrap.mjs';
import { login, startServer, stopServer } from './lib.mjs';

const DURATION = Number(process.env.DURATION ?? 1.5);
const WARMUP = Number(process.env.WARMUP ?? 2);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PIPELINING = Number(process.env.PIPELINING ?? 1);
const VARIANTS = (process.env.VARIANTS ?? 'hono-bare,hono-empty,hono-timeout,express-session').split(',');

const cpuMicros = async (base) => Number(await (await fetch(`${base}/cpu`)).text());

async function measure({ base, cookie }, duration) {
  const before = await cpuMicros(base);
  const result = await autocannon({ url: `${base}/app/page`, connections: CONNECTIONS, pipelining: PIPELINING, duration, headers: { cookie } });
  const after = await cpuMicros(base);
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${base}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { count: result.requests.total, cost: after - before, seconds: result.duration };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

const servers = [];
try {
  for (const variant of VARIANTS) {
    const server = await startServer('./server-app.ts', variant);
    servers.push(server);
    server.cookie = await login(server.base);
    await measure(server, WARMUP); // JIT warm-up, not counted
  }
  const loadBefore = load();
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const result = {};
    for (const variant of orderOf(VARIANTS, round)) {
      const server = servers.find((s) => s.variant === variant);
      const run = (result[variant] = await measure(server, DURATION));
      console.error(`round ${round}  ${variant.padEnd(16)} ${Math.round(run.count / run.seconds)} req/s  ${(run.cost / run.count).toFixed(1)} CPU µs/req`);
    }
    rounds.push(result);
  }
  console.log(`\nnode ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds × ${DURATION} s per variant; medians over rounds`);
  console.log(`load average ${loadBefore} before the rounds, ${load()} after`);
  const rate = (r, v) => r[v].count / r[v].seconds;
  for (const v of VARIANTS) {
    const reqs = Math.round(median(rounds.map((r) => rate(r, v)))).toLocaleString('en');
    console.log(`  ${v.padEnd(16)} ${reqs.padStart(7)} req/s   ${median(rounds.map((r) => r[v].cost / r[v].count)).toFixed(1).padStart(6)} server CPU µs/req`);
  }
  const report = (label, a, b, goal) => {
    if (!VARIANTS.includes(a) || !VARIANTS.includes(b)) return;
    const byCpu = bootstrap(rounds, medianRatio(b, a));
    const byRate = bootstrap(rounds, (rs) => median(rs.map((r) => rate(r, a) / rate(r, b))));
    const target = goal === null ? 'for scale' : `target ≥ ${goal}×: ${verdict(byCpu, goal, true)} by CPU, ${verdict(byRate, goal, true)} by req/s`;
    console.log(`  ${label.padEnd(30)} by CPU per request ${formatInterval(byCpu)}; by req/s ${formatInterval(byRate)} (${target})`);
  };
  report('middleware / bare Hono', 'hono-timeout', 'hono-bare', 0.8);
  report('empty middleware / bare Hono', 'hono-empty', 'hono-bare', null);
  report('sync empty middleware / bare', 'hono-empty-sync', 'hono-bare', null);
  report('middleware / empty middleware', 'hono-timeout', 'hono-empty', null);
  report('middleware / sync empty', 'hono-timeout', 'hono-empty-sync', null);
  report('baseline middleware / bare', 'hono-timeout-baseline', 'hono-bare', 0.8);
  report('middleware / baseline', 'hono-timeout', 'hono-timeout-baseline', null);
  report('middleware / express-session', 'hono-timeout', 'express-session', 8);
  report('Express middleware / bare Express', 'express-timeout', 'express-bare', 0.85);
} finally {
  await Promise.all(servers.map(stopServer));
}
