import { useSession, type SessionEnv } from '@hono/session'
import { Hono, type Context } from 'hono'
import { sessionTimeout } from 'session-timeout-element/hono'

type Data = { user?: string }

/**
 * @hono/session's id while someone is signed in. `get()` re-reads the request's cookie, which would drop what
 * this request changed (the sign-in's `update()`), so it is called only before anything read the session.
 */
const signedInSessionId = async (c: Context<SessionEnv<Data>>): Promise<string | null> => {
  const { session } = c.var
  let data: Data | null
  try {
    data = session.data // throws until the session was read in this request
  } catch {
    data = await session.get()
  }
  return data?.user ? session.id : null
}
const timeout = sessionTimeout({
  expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET,
  sessionId: (c) => signedInSessionId(c as Context<SessionEnv<Data>>),
  onEnd: (c) => (c as Context<SessionEnv<Data>>).var.session.delete(),
})
const app = new Hono<SessionEnv<Data>>()
app.use(useSession({ secret: process.env.AUTH_SECRET })) // 32 bytes, hex
app.post('/session/ping', timeout.ping)
app.use('/app/*', timeout.middleware)
app.post('/login', async (c) => {
  const { username } = await c.req.parseBody<{ username: string }>() // check the password too
  await c.var.session.update({ user: username })
  await timeout.start(c, { id: c.var.session.id!, subject: username })
  return c.redirect('/app', 303)
})
app.post('/logout', async (c) => {
  await timeout.end(c)
  c.var.session.delete()
  return c.redirect('/login', 303)
})
