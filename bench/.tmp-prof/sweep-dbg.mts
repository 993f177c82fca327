import { randomId } from '../../src/hono/cookie.js';
import { MemoryStore } from '../../src/hono/memory-store.js';
const gc = (globalThis as any).gc;
const settings = { expireAfter: 900_000, absoluteTimeout: null, tombstoneFor: 900_000 };
for (const live of [1000, 1_000_000]) {
  const store = new MemoryStore({ maxSessions: 2_000_000 });
  const t0 = Date.now(); const W = 8, E = 1000;
  for (let w = 0; w < W; w++) for (let i = 0; i < E; i++) await store.create(randomId(), t0 + w * 1000, settings);
  for (let i = 0; i < live; i++) await store.create(randomId(), t0 + 600_000, settings);
  const times = [];
  for (let w = 0; w < W; w++) { if (process.argv[2] === 'gc') gc(); const s = process.hrtime.bigint(); store.sweep(t0 + w * 1000 + 900_000); times.push((Number(process.hrtime.bigint() - s) / 1e6).toFixed(2)); }
  console.log(live, times.join(' '));
}
