import { Hono } from 'hono'
import { sessionTimeout } from 'session-timeout-element/hono'

const app = new Hono()
const timeout = sessionTimeout({ expireAfter: 900, warnAfter: 840, absoluteTimeout: 8 * 3600,
                                 redirect: '/login', secret: process.env.SESSION_SECRET })
app.post('/session/ping', timeout.ping)   // the element's keep-alive endpoint
app.use('/app/*', timeout.middleware)      // idle + absolute expiry, enforced on every request;
                                           // no live session: 401 JSON, or 303 to redirect for a page
// on login: await timeout.start(c, { subject: user.id }); on logout: await timeout.end(c)
