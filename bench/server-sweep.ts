/**
 * MemoryStore sweep cost: 1,000 expired sessions among 1,000,000 live ones vs among 1,000 live ones.
 * If the sweep is proportional to the number expired, both take about the same time; a sweep that
 * scanned every entry would cost at least a pass over the whole Map (timed too, for scale).
 *
 * Each store holds WAVES groups of `expired` sessions that go idle one second apart, then the live
 * sessions, created ten minutes later. Sweeping at each wave's deadline ends exactly that wave; the
 * figure is the median over the waves (the first wave also warms the JIT, so it is not counted).
 *
 * Before each timed sweep the event loop idles 100 ms so V8's background GC work from building the
 * store settles (forcing a gc() instead makes V8 sweep its pages lazily inside the timed call: spikes
 * that scale with the heap, not with the store).
 *
 * Usage:  node --import tsx bench/server-sweep.ts
 * Env:    WAVES (default 8)
 */
import { randomId } from '../src/hono/request/cookie.js';
import { MemoryStore } from '../src/hono/store/memory.js';

const WAVES = Number(process.env.WAVES ?? 8);
const EXPIRE_AFTER = 900_000; // ms
const settings = { expireAfter: EXPIRE_AFTER, absoluteTimeout: 8 * 3600_000, tombstoneFor: EXPIRE_AFTER };
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(live: number, expired: number): Promise<string> {
  const store = new MemoryStore({ maxSessions: live + expired * WAVES });
  const t0 = Date.now();
  for (let wave = 0; wave < WAVES; wave++) {
    for (let i = 0; i < expired; i++) await store.create(randomId(), t0 + wave * 1000, settings);
  }
  for (let i = 0; i < live; i++) await store.create(randomId(), t0 + 600_000, settings);

  const times: number[] = [];
  for (let wave = 0; wave < WAVES; wave++) {
    await settle();
    const start = process.hrtime.bigint();
    const swept = store.sweep(t0 + wave * 1000 + EXPIRE_AFTER);
    const ms = elapsedMs(start);
    if (swept !== expired) throw new Error(`wave ${wave}: swept ${swept}, expected ${expired}`);
    if (wave > 0) times.push(ms);
  }
  if (store.size !== live) throw new Error(`${store.size} left, expected ${live}`);
  return `${live.toLocaleString('en').padStart(9)} live, ${expired.toLocaleString('en').padStart(6)} expired: ${median(times).toFixed(3)} ms`;
}

console.log(`node ${process.version}, median sweep time over ${WAVES - 1} waves`);
console.log(`  ${await bench(1_000, 1_000)}`);
console.log(`  ${await bench(1_000_000, 1_000)}`);
console.log(`  ${await bench(1_000_000, 10_000)}`);

const all = new Map<string, { lastActivity: number }>();
for (let i = 0; i < 1_000_000; i++) all.set(randomId(), { lastActivity: i });
await settle();
const start = process.hrtime.bigint();
let negative = 0;
for (const entry of all.values()) if (entry.lastActivity < 0) negative++;
console.log(`  for scale, one pass over a 1,000,000-entry Map: ${elapsedMs(start).toFixed(1)} ms${negative ? '!' : ''}`);
