import { serve } from '@hono/node-server'
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { Hono } from 'hono'
import { betterAuthSessionTimeout } from 'session-timeout-element/better-auth'

const timeout = betterAuthSessionTimeout({
  expireAfter: 900, warnAfter: 840, absoluteTimeout: 8 * 3600, redirect: '/login',
  secret: process.env.SESSION_SECRET, // optional: keys the signed-in user's hash, so a kept page resumes only for them
})
const auth = betterAuth({
  baseURL: 'http://localhost:3000',
  database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
  emailAndPassword: { enabled: true },
  plugins: [timeout.plugin], // sign-in starts our session; sign-out and revocations end it
})

const app = new Hono()
app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw))
app.post('/api/session/ping', timeout.ping) // beside better-auth's routes, outside its router
app.use('/app/*', timeout.middleware) // idle + absolute expiry; an ended session is revoked in better-auth
app.get('/app', async (c) => {
  const session = await auth.api.getSession({ headers: c.req.raw.headers })
  if (!session) return c.redirect('/login')
  // load the element as in the tour (a <script type="module"> or your bundle)
  return c.html(`<p>Hello ${session.user.name}</p>
    <session-timeout warn-after="840" expire-after="900" ping-url="/api/session/ping"
                     redirect-url="/login?reason=idle"></session-timeout>`)
})
app.get('/login', (c) => c.text(c.req.query('reason') === 'idle' ? 'Signed out for inactivity' : 'Sign in'))

serve({ fetch: app.fetch, port: 3000 })
