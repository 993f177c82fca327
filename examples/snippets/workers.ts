import { Hono } from 'hono'
import { sessionTimeout } from 'session-timeout-element/hono'

type Env = { Bindings: { SESSION_SECRET: string } }

const timeout = sessionTimeout({
  expireAfter: 900, redirect: '/login',
  secret: (c) => c.env.SESSION_SECRET,   // `wrangler secret put SESSION_SECRET`
})
const app = new Hono<Env>()
app.post('/session/ping', timeout.ping)
app.use('/app/*', timeout.middleware)
export default app
