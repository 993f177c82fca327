/**
 * The cluster clients (node-redis `createCluster`, ioredis `Cluster`) against a real redis-server in
 * cluster mode (one node owning every slot). Every command names its one key, so the clients route
 * it; the script is loaded on the node that owns the key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RedisStore } from '../../../src/hono/store/redis.js';
import { CLIENT_KINDS, connectCluster, type Connected } from './clients.js';
import { RedisServer, rawCommand } from './redis-server.js';

const limits = { expireAfter: 60_000, absoluteTimeout: 600_000, tombstoneFor: 60_000 };

let redis: RedisServer;
before(async () => {
  redis = await RedisServer.start({ cluster: true });
});
after(async () => {
  await redis.close();
});

for (const kind of CLIENT_KINDS) {
  describe(`RedisStore with a ${kind} cluster client`, () => {
    let conn: Connected;
    before(async () => {
      conn = await connectCluster(kind, redis.port);
    });
    after(async () => {
      await conn.close();
    });

    test('create, touch (by EVALSHA, reloaded after SCRIPT FLUSH), end and delete', async () => {
      const store = new RedisStore({ client: conn.client, prefix: `{app}:${kind}:` });
      await store.create('a', 1000, limits);
      assert.deepEqual(await store.touch('a', { ...limits, now: 2000, activity: 2000, touchAfter: 0 }),
        { status: 'alive', lastActivity: 2000, createdAt: 1000, moved: true });
      assert.match(await rawCommand(redis.port, 'SCRIPT FLUSH'), /^\+OK/);
      assert.deepEqual(await store.touch('a', { ...limits, now: 62_000, activity: null, touchAfter: 0 }),
        { status: 'ended', reason: 'idle', first: true });
      await store.create('b', 1000, limits);
      await store.delete('b');
      assert.deepEqual(await store.touch('b', { ...limits, now: 2000, activity: null, touchAfter: 0 }), { status: 'missing' });
      assert.match(await rawCommand(redis.port, `EXISTS {app}:${kind}:a`), /^:1/);
    });
  });
}
