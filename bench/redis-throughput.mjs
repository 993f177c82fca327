/**
 * Redis commands per middleware request (counted with MONITOR), and throughput of the middleware with RedisStore vs
 * MemoryStore vs express + express-session + connect-redis (`rolling: true`), all in one run on
 * one machine against one real redis-server (started here on a free port).
 *
 * Each server runs in its own process (bench/redis-app.ts); autocannon runs here, on 127.0.0.1,
 * with one signed-in session's cookie on every request.
 *
 * Usage:  node --import tsx bench/redis-throughput.mjs   (tsx: the servers and the redis-server helper are TypeScript)
 * Env:    DURATION (s per measured run, default 5), CONNECTIONS (default 32), ROUNDS (default 3),
 *         COUNT (requests for the command count, default 5000), VARIANTS (comma list)
 */
import { once } from 'node:events';
import { createConnection } from 'node:net';
import autocannon from 'autocannon';
import { RedisServer } from '../test/node/redis/redis-server.js';
import { login, startServer, stopServer } from './lib.mjs';

const DURATION = Number(process.env.DURATION ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const COUNT = Number(process.env.COUNT ?? 5000);
const VARIANTS = (process.env.VARIANTS ?? 'hono-memory,hono-redis,hono-ioredis,express-redis').split(',');




function cannon(url, cookie, opts) {
  return autocannon({ url, connections: CONNECTIONS, headers: { cookie }, ...opts });
}

/**
 * Commands that clients sent while `fn` ran, by name, from Redis' MONITOR feed. Commands a Lua
 * script runs inside Redis are listed there as `[0 lua]` and are not round trips: they are left out
 * (INFO commandstats would count them with the rest).
 */
async function monitorClientCommands(port, fn) {
  const socket = createConnection({ port, host: '127.0.0.1' });
  await once(socket, 'connect');
  socket.write('MONITOR\r\n');
  let buffer = '';
  const calls = new Map();
  let started;
  const ok = new Promise((r) => (started = r));
  socket.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      if (line === '+OK') started();
      const m = /^\+[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
      if (m && m[1] !== 'lua') calls.set(m[2].toLowerCase(), (calls.get(m[2].toLowerCase()) ?? 0) + 1);
    }
  });
  await ok;
  await fn();
  // MONITOR lines arrive just after the replies; a short settle catches the last ones.
  await new Promise((r) => setTimeout(r, 300));
  socket.destroy();
  return calls;
}

const redis = await RedisServer.start();
const results = new Map();
const commands = new Map();
try {
  for (const variant of VARIANTS) {
    // Commands per request: a fixed number of requests between two INFO commandstats readings.
    const server = await startServer('./redis-app.ts', variant, { REDIS_URL: redis.url });
    const cookie = await login(server.base);
    await cannon(`${server.base}/app/page`, cookie, { duration: 1 }); // warm-up (JIT, script cache)
    await new Promise((r) => setTimeout(r, 500)); // let the warm-up's last requests finish
    let sent = 0;
    const calls = await monitorClientCommands(redis.port, async () => {
      sent = (await cannon(`${server.base}/app/page`, cookie, { amount: COUNT })).requests.total;
    });
    const total = [...calls.values()].reduce((a, b) => a + b, 0);
    commands.set(variant, `${(total / sent).toFixed(3)} (${[...calls].map(([k, v]) => `${k} ${v}`).join(', ')} / ${sent} requests)`);
    await stopServer(server);
  }

  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const server = await startServer('./redis-app.ts', variant, { REDIS_URL: redis.url });
      const cookie = await login(server.base);
      await cannon(`${server.base}/app/page`, cookie, { duration: 1 });
      const r = await cannon(`${server.base}/app/page`, cookie, { duration: DURATION });
      if (r.non2xx || r.errors) throw new Error(`${variant}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      results.set(variant, [...(results.get(variant) ?? []), r.requests.average]);
      console.error(`round ${round} ${variant}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms`);
      await stopServer(server);
    }
  }
} finally {
  await redis.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rps = new Map([...results].map(([k, v]) => [k, median(v)]));
console.log(`\nnode ${process.version}, ${ROUNDS} rounds × ${DURATION} s, ${CONNECTIONS} connections, median req/s\n`);
console.log('| server | req/s (median) | runs | Redis commands per request |');
console.log('|---|---|---|---|');
for (const variant of VARIANTS) {
  const runs = (results.get(variant) ?? []).map((x) => Math.round(x)).join(', ');
  console.log(`| ${variant} | ${Math.round(rps.get(variant) ?? 0)} | ${runs} | ${commands.get(variant)} |`);
}
const ratio = (a, b) =>
  rps.has(a) && rps.has(b) ? `${(rps.get(a) / rps.get(b)).toFixed(2)}×` : 'n/a';
console.log(`\nhono-redis / hono-memory: ${ratio('hono-redis', 'hono-memory')}`);
console.log(`hono-ioredis / hono-memory: ${ratio('hono-ioredis', 'hono-memory')}`);
console.log(`hono-redis / express-redis: ${ratio('hono-redis', 'express-redis')} (target ≥ 1.5×)`);
console.log(`hono-ioredis / express-redis: ${ratio('hono-ioredis', 'express-redis')} (target ≥ 1.5×)`);
