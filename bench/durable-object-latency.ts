/**
 * The Durable Object store's added latency per request under local workerd: one keep-alive
 * connection sends requests one at a time to a bare page, the page behind sessionTimeout with a
 * MemoryStore, and behind sessionTimeout with the DurableObjectStore (one object request each,
 * in-memory object storage); rounds interleave the three; each figure is the median round's median.
 *
 * Usage:  node --import tsx bench/durable-object-latency.ts
 * Env:    REQUESTS (per variant per round, default 1000), ROUNDS (default 5)
 */
import { Agent, request } from 'node:http';
import { checkBinary, runtimes, serve } from '../test/runtimes/runtimes.js';

const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function send(url: string, method: string, cookie?: string): Promise<{ status: number; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const workerd = runtimes.find((runtime) => runtime.name === 'workerd')!;
const version = checkBinary(workerd);
const server = await serve(workerd, { entry: 'bench/durable-object-app.ts', durableObjects: true });
try {
  const login = async (prefix: string) => (await send(`${server.origin}/${prefix}/login`, 'POST')).cookie!;
  const variants = {
    bare: { url: `${server.origin}/bare/page`, cookie: undefined },
    memory: { url: `${server.origin}/memory/app/page`, cookie: await login('memory') },
    durable: { url: `${server.origin}/durable/app/page`, cookie: await login('durable') },
  };
  const run = async ({ url, cookie }: { url: string; cookie: string | undefined }, n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      const { status } = await send(url, 'GET', cookie);
      times.push((performance.now() - started) * 1000);
      if (status !== 200) throw new Error(`${url} answered ${status}`);
    }
    return median(times);
  };
  for (const variant of Object.values(variants)) await run(variant, REQUESTS / 2); // warm-up
  const rounds: Record<string, number[]> = { bare: [], memory: [], durable: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, variant] of Object.entries(variants)) rounds[name]!.push(await run(variant, REQUESTS));
  }
  const [bare, memory, durable] = (['bare', 'memory', 'durable'] as const).map((name) => median(rounds[name]!));
  console.log(`${version}, ${REQUESTS} sequential requests per variant per round, ${ROUNDS} rounds (median µs per request)\n`);
  console.log('| bare Hono | + sessionTimeout, MemoryStore | + sessionTimeout, DurableObjectStore | Durable Object added |');
  console.log('|---|---|---|---|');
  console.log(`| ${bare!.toFixed(0)} µs | ${memory!.toFixed(0)} µs | ${durable!.toFixed(0)} µs | **+${(durable! - memory!).toFixed(0)} µs** |`);
} finally {
  agent.destroy();
  await server.stop();
}
