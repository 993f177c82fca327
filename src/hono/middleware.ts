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

  const unavailable = (c: Context, error: unknown): Response => {
    // Fail closed: a session that could not be looked up (store down, or the app's sessionId()
    // threw) is neither let through as live nor told it has ended.
    sessions.reportError(error, c);
    return respondUnavailable(c);
  };

  const ended = async (c: Context, id: string, result: Extract<TouchResult, { status: 'ended' }>): Promise<Response> => {
    try {
      await sessions.end(c, id, result);
    } catch (error) {
      // onEnd threw: the session stays ended, and the next request runs onEnd again.
      return unavailable(c, error);
    }
    return respondEnded(c, result.reason, o.redirect);
  };

  const afterTouch = (c: Context, next: Next, id: string, now: number, result: TouchResult): Promise<void | Response> | Response => {
    if (result.status === 'alive') {
      c.set('sessionTimeout', liveState(id, result.lastActivity, result.createdAt, now, sessions.limits(result.policy)));
      return next();
    }
    if (result.status === 'missing') return unknownId(c, next);
    return ended(c, id, result);
  };

  const afterRead = (c: Context, next: Next, now: number, id: string | undefined | null): Promise<void | Response> | Response => {
    if (!id) return noSession(c, next);
    // A request on its way to a ping is checked, never counted: the ping itself credits only
    // `now − idle`, and it does so after this middleware when mounted over it.
    // (A ping is a POST; asking the router costs an allocation, so other methods skip it.)
    const counts = !isPassive(c, o.isPassivePath) && !(c.req.method === 'POST' && isRoutedToPing(c));
    let result: TouchResult | Promise<TouchResult>;
    try {
      result = sessions.touch(c, id, now, counts ? now : null);
    } catch (error) {
      return unavailable(c, error);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (settled): Promise<void | Response> | Response => afterTouch(c, next, id, now, settled),
        (error: unknown) => unavailable(c, error),
      );
    }
    return afterTouch(c, next, id, now, result);
  };

  // Not `async`, and no `await` on the common path: a store that answers synchronously (the
  // MemoryStore) and a cookie verified before cost no promise of ours; this runs on every request.
  return function sessionTimeout(c, next) {
    const now = o.now();
    let read: ReturnType<Sessions['readId']>;
    try {
      read = sessions.readId(c);
    } catch (error) {
      return Promise.resolve(unavailable(c, error));
    }
    const answer =
      typeof read === 'object' && read !== null
        ? read.then(
            (id): Promise<void | Response> | Response => afterRead(c, next, now, id),
            (error: unknown) => unavailable(c, error),
          )
        : afterRead(c, next, now, read);
    return answer instanceof Response ? Promise.resolve(answer) : answer;
  };
}

/** Any promise-like answer of a store, whatever library made it (not only `instanceof Promise`). */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T>).then === 'function';
}
