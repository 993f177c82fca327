// server.ts — run: SESSION_SECRET=$(openssl rand -hex 32) npx tsx server.ts, then open http://localhost:3000/
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { sessionTimeout } from 'session-timeout-element/hono'

const timeout = sessionTimeout({
  expireAfter: 900, warnAfter: 840, redirect: '/login', secret: process.env.SESSION_SECRET,
})
const reasons: Record<string, string> = { idle: 'You were signed out after 15 minutes of inactivity.',
  absolute: 'Your session reached its maximum length.', logout: 'You signed out.', server: 'Your session ended.' }

const app = new Hono()
// The element's files as the package ships them: the drop-in loads its languages from beside itself.
app.use('/session-timeout/*', serveStatic({
  root: './node_modules/session-timeout-element/dist',
  rewriteRequestPath: (path) => path.replace(/^\/session-timeout/, ''),
}))
app.post('/session/ping', timeout.ping)
app.get('/login', (c) => c.html(`<!doctype html><title>Sign in</title>
  <p>${reasons[c.req.query('reason') ?? ''] ?? ''}</p>
  <form method="post"><label>Name <input name="user" autocomplete="username" required autofocus></label>
  <button>Sign in</button></form>`))
app.post('/login', async (c) => {
  const { user } = await c.req.parseBody()       // check the password here
  await timeout.start(c, { subject: String(user) })
  return c.redirect('/', 303)
})
app.use('/', timeout.middleware)                   // no live session: 303 to /login
app.get('/', (c) => c.html(`<!doctype html><title>Account</title>
  <script type="module" src="/session-timeout/session-timeout.min.js"></script>
  <h1>Signed in</h1> <form method="post" action="/logout"><button>Sign out</button></form>
  <session-timeout warn-after="840" expire-after="900" ping-url="/session/ping"
                   redirect-url="/login" logout-url="/logout"></session-timeout>
  <script type="module">  // the sign-in page says why: idle, absolute, server, or logout (another tab)
    document.querySelector('session-timeout').addEventListener('session-timeout-expire',
      (event) => { event.target.redirectUrl = '/login?reason=' + event.reason })
  </script>`))
app.post('/logout', timeout.middleware, async (c) => {
  await timeout.end(c)
  return c.redirect('/login?reason=logout', 303)
})

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, (info) => console.log(`http://localhost:${info.port}/`))
