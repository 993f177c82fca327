import { Hono } from 'hono'
import { sessionTimeout } from 'session-timeout-element/hono'
import { DurableObjectStore, SessionStoreObject } from 'session-timeout-element/hono/cloudflare'

export { SessionStoreObject }   // the worker re-exports the Durable Object class

type Env = { Bindings: { SESSIONS: DurableObjectNamespace; SESSION_SECRET: string } }
const timeout = sessionTimeout({
  expireAfter: 900, redirect: '/login',
  store: (c) => new DurableObjectStore(c.env.SESSIONS),
  secret: (c) => c.env.SESSION_SECRET,
})
const app = new Hono<Env>()
app.post('/session/ping', timeout.ping)
app.use('/app/*', timeout.middleware)
export default app
