import { Hono } from 'hono'
import { except } from 'hono/combine'
import { sessionTimeout } from 'session-timeout-element/hono'

const timeout = sessionTimeout({
  expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET,
  origin: 'https://app.example.com',   // the proxy rewrites the Host: the ping and end() check against this
  cookie: { name: 'billing-session' }, // another app on this origin has its own cookie name
})
const app = new Hono()
app.post('/session/ping', timeout.ping)
app.use('*', except(['/login', '/public/*'], timeout.middleware))   // public pages: no session needed
