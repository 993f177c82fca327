import { Hono } from 'hono'
import { CookieStore, sessionMiddleware, type Session } from 'hono-sessions'
import { sessionTimeout } from 'session-timeout-element/hono'

type Data = { user: string; timeoutId: string }

const app = new Hono<{ Variables: { session: Session<Data>; session_key_rotation: boolean } }>()
app.use(sessionMiddleware({
  store: new CookieStore(),
  encryptionKey: process.env.SESSION_KEY, // at least 32 characters
  cookieOptions: { sameSite: 'Lax', path: '/', httpOnly: true },
}))
const timeout = sessionTimeout({
  expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET,
  sessionId: (c) => (c.get('session') as Session<Data>).get('timeoutId'),
  onEnd: (c) => (c.get('session') as Session<Data>).deleteSession(),
})
app.post('/session/ping', timeout.ping)
app.use('/app/*', timeout.middleware)
app.post('/login', async (c) => {
  const { username } = await c.req.parseBody<{ username: string }>() // check the password too
  const id = await timeout.start(c, { id: crypto.randomUUID(), subject: username })
  c.get('session').set('user', username)
  c.get('session').set('timeoutId', id)
  return c.redirect('/app', 303)
})
app.post('/logout', async (c) => {
  await timeout.end(c)
  c.get('session').deleteSession()
  return c.redirect('/login', 303)
})
