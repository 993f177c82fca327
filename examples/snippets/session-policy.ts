import { Hono } from 'hono'
import { sessionTimeout, type StartOptions } from 'session-timeout-element/hono'

const timeout = sessionTimeout({ expireAfter: 15 * 60, redirect: '/login', secret: process.env.SESSION_SECRET })
const policies: Record<string, StartOptions> = {
  admin: { expireAfter: 5 * 60 },                                   // administrators: 5 minutes
  kiosk: { expireAfter: 120, warnAfter: 90, absoluteTimeout: 600 }, // shared terminals: 2, and 10 at most
}
const app = new Hono()
app.use('/app/*', timeout.middleware)
app.post('/login', async (c) => {
  const form = await c.req.parseBody()                              // check the password here
  await timeout.start(c, { subject: String(form.user), ...policies[String(form.role)] })
  return c.redirect('/app', 303)
})
app.get('/app', (c) => {
  const session = c.var.sessionTimeout                              // this session's own limits, for the element
  if (session.id === null) return c.redirect('/login')
  return c.html(`<session-timeout expire-after="${session.expireAfter}" warn-after="${session.warnAfter}"></session-timeout>`)
})
