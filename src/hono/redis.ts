/**
 * `session-timeout-element/hono/redis`: `RedisStore`, sessions in Redis (or Valkey, Upstash) shared by
 * every server instance. The store itself is in `store/redis.ts`; this file is the package entry point.
 *
 * @module
 */
export * from './store/redis.js';
