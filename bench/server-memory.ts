/**
 * MemoryStore bytes per session at 1,000,000 sessions: the heap (plus any ArrayBuffer memory) after
 * creating them minus before, divided by the count. Ids are made by the real id generator, so their
 * strings are counted too: that is what a session costs.
 *
 * Usage:  node --expose-gc --import tsx bench/server-memory.ts
 * Env:    SESSIONS (default 1000000)
 */
import { randomId } from '../src/hono/request/cookie.js';
import { MemoryStore } from '../src/hono/store/memory.js';

const SESSIONS = Number(process.env.SESSIONS ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function used(): number {
  for (let i = 0; i < 4; i++) gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

async function measure(absoluteTimeout: number | null): Promise<number> {
  const before = used();
  const store = new MemoryStore({ maxSessions: SESSIONS });
  const settings = { expireAfter: 900_000, absoluteTimeout, tombstoneFor: 900_000 };
  const t0 = Date.now();
  // Spread over 10 minutes of (injected) time so no sweep finds anything expired.
  for (let i = 0; i < SESSIONS; i++) await store.create(randomId(), t0 + Math.floor(i / 2000), settings);
  const after = used();
  if (store.size !== SESSIONS) throw new Error(`expected ${SESSIONS} sessions, found ${store.size}`);
  return (after - before) / SESSIONS;
}

console.log(`node ${process.version}, ${SESSIONS.toLocaleString('en')} sessions`);
console.log(`  without absoluteTimeout:  ${(await measure(null)).toFixed(0)} bytes/session`);
console.log(`  with absoluteTimeout:     ${(await measure(8 * 3600_000)).toFixed(0)} bytes/session (target ≤ 200)`);
