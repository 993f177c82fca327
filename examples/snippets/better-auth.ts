import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { Hono } from 'hono'
import { html } from 'hono/html' // escapes what it interpolates (the user's name)
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
app.use('/session-timeout/*', serveStatic({ // the element's files, as in the README's quick start
  root: './node_modules/session-timeout-element/dist',
  rewriteRequestPath: (path) => path.replace(/^\/session-timeout/, ''),
}))
app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw))
app.post('/api/session/ping', timeout.ping) // beside better-auth's routes, outside its router
app.use('/app/*', timeout.middleware) // idle + absolute expiry; an ended session is revoked in better-auth
app.get('/app', async (c) => {
  const session = await auth.api.getSession({ headers: c.req.raw.headers })
  if (!session) return c.redirect('/login')
  return c.html(html`<script type="module" src="/session-timeout/session-timeout.min.js"></script>
    <p>Hello ${session.user.name}</p>
    <session-timeout warn-after="840" expire-after="900" ping-url="/api/session/ping"
                     redirect-url="/login"></session-timeout>`)
})
app.get('/login', (c) => c.text(c.req.query('reason') === 'idle' ? 'Signed out for inactivity' : 'Sign in'))

serve({ fetch: app.fetch, port: 3000 })
