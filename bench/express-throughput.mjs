/**
 * Requests per second through session-timeout-element/express's middleware (live session, MemoryStore,
 * a store write on every request) against the same Express 5 app without it, in one run on one machine.
 *
 * As bench/server-throughput.mjs: each server in its own process (bench/express-app.ts), autocannon
 * here on 127.0.0.1 sending one signed-in session's cookie with every request (the bare app ignores
 * it), variants interleaved round by round with their order rotating, each ratio the median over
 * rounds of the round's ratio with a 95 % paired-bootstrap interval (bench/bootstrap.mjs), judged
 * against the goal (≥ 0.85×) by req/s and by the server's CPU time per request.
 *
 * Usage:  node --import tsx bench/express-throughput.mjs
 * Env:    DURATION (s per measured run, default 1.5), WARMUP (s, default 2), CONNECTIONS (default 32),
 *         ROUNDS (default 20), PIPELINING (default 1)
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
const VARIANTS = ['express-bare', 'express-timeout'];
const GOAL = 0.85;

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
    const server = await startServer('./express-app.ts', variant);
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
  const byCpu = bootstrap(rounds, medianRatio('express-bare', 'express-timeout'));
  const byRate = bootstrap(rounds, (rs) => median(rs.map((r) => rate(r, 'express-timeout') / rate(r, 'express-bare'))));
  console.log(
    `  middleware / bare Express       by CPU per request ${formatInterval(byCpu)}; by req/s ${formatInterval(byRate)} ` +
      `(target ≥ ${GOAL}×: ${verdict(byCpu, GOAL, true)} by CPU, ${verdict(byRate, GOAL, true)} by req/s)`,
  );
} finally {
  await Promise.all(servers.map(stopServer));
}
