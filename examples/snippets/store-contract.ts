import { describe, it } from 'node:test'                    // or from 'vitest', from 'bun:test'
import { MemoryStore } from 'session-timeout-element/hono'
import { storeContract } from 'session-timeout-element/hono/testing'

class MyStore extends MemoryStore {}                        // yours: create, touch, settleEndReport, delete
storeContract('MyStore', async () => ({ store: new MyStore(), teardown: async () => {} }), { describe, it })
