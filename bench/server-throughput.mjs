/**
 * Requests per second through the sessionTimeout middleware (live session, MemoryStore) against
 * the same Hono app without it, and against express + express-session (rolling: true, MemoryStore),
 * in one run on one machine.
 *
 * Each server runs in its own process (bench/server-app.ts); autocannon runs here, on 127.0.0.1,
 * sending one signed-in session's cookie with every request (the bare app gets it too and ignores it).
 * Variants are interleaved round by round so drift in the machine's speed hits them all alike; each
 * figure is the median of the rounds' averages.
 *
 * Beside req/s it reports the server's CPU time per request (process.cpuUsage() of the server
 * process before and after each run, divided by the requests it answered). On a shared or
 * 2-core machine, where autocannon and the server compete for CPU, req/s swings from run to run;
 * CPU µs per request does not, and its ratio is the throughput ratio of a CPU-bound server.
 *
 * Usage:  node --import tsx bench/server-throughput.mjs
 * Env:    DURATION (s per measured run, default 3), WARMUP (s, default 1), CONNECTIONS (default 32),
 *         ROUNDS (default 5), PIPELINING (default 1), VARIANTS (comma list; default
 *         hono-bare,hono-empty,hono-timeout,express-session),
 *         TOUCH_AFTER (s, passed to hono-timeout; default 0)
 */
import autocannon from 'autocannon';
import { login, startServer, stopServer } from './lib.mjs';

const DURATION = Number(process.env.DURATION ?? 3);
const WARMUP = Number(process.env.WARMUP ?? 1);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
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
  return { rate: result.requests.average, cpu: (after - before) / result.requests.total };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const servers = [];
try {
  for (const variant of VARIANTS) {
    const server = await startServer('./server-app.ts', variant);
    servers.push(server);
    server.cookie = await login(server.base);
    await measure(server, WARMUP); // JIT warm-up, not counted
  }
  const runs = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const server of servers) {
      const run = await measure(server, DURATION);
      runs[server.variant].push(run);
      console.error(`round ${round}  ${server.variant.padEnd(16)} ${Math.round(run.rate)} req/s  ${run.cpu.toFixed(1)} CPU µs/req`);
    }
  }
  const rate = Object.fromEntries(VARIANTS.map((v) => [v, median(runs[v].map((r) => r.rate))]));
  const cpu = Object.fromEntries(VARIANTS.map((v) => [v, median(runs[v].map((r) => r.cpu))]));
  console.log(`\nnode ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s per variant, medians`);
  for (const v of VARIANTS) {
    console.log(`  ${v.padEnd(16)} ${Math.round(rate[v]).toLocaleString('en').padStart(7)} req/s   ${cpu[v].toFixed(1).padStart(6)} server CPU µs/req`);
  }
  const ratios = (a, b, target) =>
    `${(rate[a] / rate[b]).toFixed(2)}× by req/s, ${(cpu[b] / cpu[a]).toFixed(2)}× by CPU per request (target ${target})`;
  if (rate['hono-bare'] && rate['hono-timeout']) console.log(`  middleware / bare Hono:        ${ratios('hono-timeout', 'hono-bare', '≥ 0.8×')}`);
  if (rate['hono-bare'] && rate['hono-empty']) console.log(`  empty middleware / bare Hono:  ${ratios('hono-empty', 'hono-bare', 'for scale')}`);
  if (rate['express-session'] && rate['hono-timeout']) {
    console.log(`  middleware / express-session:  ${ratios('hono-timeout', 'express-session', '≥ 8×')}`);
  }
} finally {
  await Promise.all(servers.map(stopServer));
}
