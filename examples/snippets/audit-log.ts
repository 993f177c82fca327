import { sessionTimeout } from 'session-timeout-element/hono'

const line = (event: string) => (_c: unknown, info: object) => console.log(JSON.stringify({ event, ...info }))
export const timeout = sessionTimeout({
  expireAfter: 900, secret: process.env.SESSION_SECRET,
  onStart: line('session.start'),     // {"event":"session.start","session":"q1Xo…","subject":"pT3…","at":…,"expireAfter":900,…}
  onExtend: line('session.extend'),   // {"event":"session.extend","session":"q1Xo…","at":…,"lastActivity":…,"remaining":900}
  onEnd: (_c, reason, info) => console.log(JSON.stringify({ event: 'session.end', reason, ...info })),
})
