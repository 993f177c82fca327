import { Redis } from '@upstash/redis'                      // REST over fetch: Vercel KV, Workers, any runtime
import { RedisStore } from 'session-timeout-element/hono/redis'

// Redis.fromEnv() reads UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN
export const store = new RedisStore({ client: Redis.fromEnv() })
