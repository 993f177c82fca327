import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { SessionEndedError, sessionTimeout } from 'session-timeout-element/hono'

const timeout = sessionTimeout({ expireAfter: 900, secret: process.env.SESSION_SECRET })
const app = new Hono()
app.use('/app/*', timeout.middleware)
app.onError((err, c) => {
  if (err instanceof SessionEndedError && err.reason !== 'missing' && c.req.header('Accept')?.includes('text/html'))
    return c.html(`<p>You were signed out (${err.reason}). <a href="/login">Sign in</a></p>`, 401)
  if (err instanceof HTTPException) return err.getResponse()   // ours, and every other Hono middleware's
  return c.text('Internal Server Error', 500)
})
