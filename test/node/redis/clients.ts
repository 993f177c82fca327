/**
 * Connected clients of both kinds for the Redis tests, configured the way an application should:
 * an `error` listener (so a lost connection is logged, not a crash) and quick reconnects.
 */
import { createClient, createCluster } from 'redis';
import { Cluster, Redis } from 'ioredis';
import type { RedisClientLike } from '../../../src/hono/store/redis.js';

export interface Connected {
  client: RedisClientLike;
  close(): Promise<void>;
}

export type ClientKind = 'node-redis' | 'ioredis';
export const CLIENT_KINDS: ClientKind[] = ['node-redis', 'ioredis'];

const ignore = () => {};

export async function connect(kind: ClientKind, port: number): Promise<Connected> {
  if (kind === 'node-redis') {
    const client = createClient({
      socket: { host: '127.0.0.1', port, reconnectStrategy: () => 50 },
    });
    client.on('error', ignore);
    await client.connect();
    return { client, close: () => client.destroy() as unknown as Promise<void> };
  }
  const client = new Redis({ host: '127.0.0.1', port, retryStrategy: () => 50, lazyConnect: true });
  client.on('error', ignore);
  await client.connect();
  return { client, close: async () => client.disconnect() };
}

export async function connectCluster(kind: ClientKind, port: number): Promise<Connected> {
  if (kind === 'node-redis') {
    const cluster = createCluster({ rootNodes: [{ socket: { host: '127.0.0.1', port } }] });
    cluster.on('error', ignore);
    await cluster.connect();
    return { client: cluster, close: () => cluster.destroy() as unknown as Promise<void> };
  }
  const cluster = new Cluster([{ host: '127.0.0.1', port }], { lazyConnect: true });
  cluster.on('error', ignore);
  await cluster.connect();
  return { client: cluster, close: async () => cluster.disconnect() };
}
