import { createClient } from 'redis'                       // node-redis v4–v6
import { sessionTimeout } from 'session-timeout-element/hono'
import { RedisStore } from 'session-timeout-element/hono/redis'

const client = createClient({ url: process.env.REDIS_URL })
client.on('error', (err) => console.error('redis', err))   // log and reconnect instead of crashing
await client.connect()

const timeout = sessionTimeout({
  expireAfter: 900, secret: process.env.SESSION_SECRET,
  store: new RedisStore({ client, prefix: 'myapp:session-timeout:' }),
})
