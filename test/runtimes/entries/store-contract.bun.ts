// Run by `bun test` from test/runtimes/store-contract-runners.test.ts: the published store contract suite
// (session-timeout-element/hono/testing) under bun:test's describe/it, not node:test's. With BROKEN=1 the
// store forgets per-session policies, and the suite must say so.
import { describe, it } from 'bun:test';
import { MemoryStore } from '../../../src/hono/store/memory.js';
import type { CreateRequest } from '../../../src/hono/store/contract.js';
import { storeContract } from '../../../src/hono/store/testing.js';

class PolicyLosingStore extends MemoryStore {
  override create(id: string, now: number, { policy: _policy, ...request }: CreateRequest): Promise<void> {
    return super.create(id, now, request);
  }
}

const broken = process.env.BROKEN === '1';
storeContract(broken ? 'a store that loses policies' : 'MemoryStore under bun:test', async () => ({ store: broken ? new PolicyLosingStore() : new MemoryStore() }), { describe, it });
