import { Hono } from 'hono'
import { sessionTimeout } from 'session-timeout-element/hono'

const timeout = sessionTimeout({
  expireAfter: 900, warnAfter: 840, absoluteTimeout: 8 * 3600,
  redirect: '/login', passive: ['/api/notifications'], secret: process.env.SESSION_SECRET,
})
const app = new Hono()
app.post('/session/ping', timeout.ping)
app.use('/app/*', timeout.middleware)
app.post('/login', async (c) => { /* check the password */ await timeout.start(c); return c.redirect('/app', 303) })
app.post('/logout', async (c) => { await timeout.end(c); return c.redirect('/login', 303) })
app.get('/app/account', (c) => c.text(`${Math.round(c.var.sessionTimeout.remaining)} s left if idle`))
