// server.ts — npm install session-timeout-element express hono tsx; SESSION_SECRET=$(openssl rand -hex 32) npx tsx server.ts
import express from 'express'
import { sessionTimeout } from 'session-timeout-element/express'

const timeout = sessionTimeout({ expireAfter: 900, warnAfter: 840, redirect: '/login', secret: process.env.SESSION_SECRET })
const app = express()
app.use('/session-timeout', express.static('node_modules/session-timeout-element/dist'))   // the element's files
app.all('/session/ping', timeout.ping)            // before the middleware: a ping is never activity
app.get('/login', (req, res) => res.send('<form method="post"><input name="user" required><button>Sign in</button></form>'))
app.post('/login', express.urlencoded({ extended: false }), async (req, res) => {
  await timeout.start(req, res, { subject: String(req.body.user) })   // check the password here
  res.redirect(303, '/app')
})
app.post('/logout', async (req, res) => { await timeout.end(req, res); res.redirect(303, '/login') })
app.use('/app', timeout.middleware)               // no live session: 303 to /login
app.get('/app', (req, res) => res.send(`<script type="module" src="/session-timeout/session-timeout.min.js"></script>
  <p>${Math.round(req.sessionTimeout!.remaining)} s left if idle</p> <form method="post" action="/logout"><button>Sign out</button></form>
  <session-timeout warn-after="840" expire-after="900" ping-url="/session/ping" redirect-url="/login" logout-url="/logout"></session-timeout>`))
app.listen(3000)
