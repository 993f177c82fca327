import { Redis } from 'ioredis'                             // or new Cluster([...]) for Redis Cluster
import { RedisStore } from 'session-timeout-element/hono/redis'

const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
client.on('error', (err) => console.error('redis', err))
export const store = new RedisStore({ client, prefix: 'myapp:session-timeout:' })
