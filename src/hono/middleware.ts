import type { Context, MiddlewareHandler, Next } from 'hono';
import { isPassive } from './passive.js';
import { isRoutedToPing } from './ping-route.js';
import { respondEnded, respondUnavailable } from './respond.js';
import type { Sessions } from './sessions.js';
import { NO_SESSION, liveState, type SessionTimeoutVariables } from './state.js';
import type { TouchResult } from './store.js';

/**
 * The per-request check: one store call that ends the session if its idle or absolute deadline has
 * passed and otherwise records this request as activity (unless passive). This runs on every
 * request, so it allocates little and verifies the cookie's signature only the first time it sees it.
 */
export function createMiddleware(sessions: Sessions): MiddlewareHandler<{ Variables: SessionTimeoutVariables }> {
  const o = sessions.options;

  const noSession = (c: Context, next: Next): Promise<void> | Response => {
    c.set('sessionTimeout', NO_SESSION);
    sessions.cookie?.clearPresented(c);
    // Fails closed unless the app opted out for this route (`required: false`).
    return o.required ? respondEnded(c, 'missing', o.redirect) : next();
  };

  /**
   * The store does not know the id presented. Ours (a cookie) means our session is gone: as no session.
   * The app's own id means the app still thinks the user is signed in while we lost track (restart,
   * eviction, a forgotten end): never let that through unguarded, whatever `required` says.
   */
  const unknownId = (c: Context, next: Next): Promise<void> | Response => {
    if (sessions.cookie) return noSession(c, next);
    c.set('sessionTimeout', NO_SESSION);
    return respondEnded(c, 'missing', o.redirect);
  };

  return async function sessionTimeout(c, next) {
    const now = o.now();
    let id: string | undefined | null;
    let result: TouchResult;
    try {
      const read = sessions.readId(c);
      id = typeof read === 'object' && read !== null ? await read : read;
      if (!id) return noSession(c, next);
      // A request on its way to a ping is checked, never counted: the ping itself credits only
      // `now − idle`, and it does so after this middleware when mounted under it.
      const counts = !isPassive(c, o.isPassivePath) && !isRoutedToPing(c);
      result = await sessions.touch(id, now, counts ? now : null);
    } catch (error) {
      // Fail closed: a session that could not be looked up (store down, or the app's sessionId()
      // threw) is neither let through as live nor told it has ended.
      sessions.reportError(error, c);
      return respondUnavailable(c);
    }

    if (result.status === 'alive') {
      c.set('sessionTimeout', liveState(id, result.lastActivity, result.createdAt, now, o.expireAfter, o.absoluteTimeout));
      return next();
    }
    if (result.status === 'missing') return unknownId(c, next);

    try {
      await sessions.end(c, id, result);
    } catch (error) {
      // onEnd threw: the session stays ended, and the next request runs onEnd again.
      sessions.reportError(error, c);
      return respondUnavailable(c);
    }
    return respondEnded(c, result.reason, o.redirect);
  };
}
