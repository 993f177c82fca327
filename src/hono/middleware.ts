import type { Context, MiddlewareHandler, Next } from 'hono';
import { isPassive } from './request/passive.js';
import { SessionEndedError, SessionUnavailableError } from './refusal.js';
import { isRequestedPage, respondEnded, respondUnavailable, type NoSessionReason } from './respond.js';
import type { Sessions } from './sessions.js';
import { NO_SESSION, liveState, type SessionTimeoutVariables } from './state.js';
import type { TouchResult } from './store/contract.js';

/**
 * The per-request check: one store call that ends the session if its idle or absolute deadline has
 * passed and otherwise records this request as activity (unless passive). This runs on every
 * request, so it allocates little and verifies the cookie's signature only the first time it sees it.
 */
export function createSessionCheck(sessions: Sessions): MiddlewareHandler<{ Variables: SessionTimeoutVariables }> {
  const o = sessions.options;

  let warnedSelfRedirect = false;
  /**
   * The request is the `redirect` target itself (the middleware mounted on every path, the sign-in
   * page among them): redirecting would loop, so it is served without a session, as with
   * `required: false`, and the app is told once how to keep the middleware off its public pages.
   */
  const serveRedirectTarget = (c: Context, next: Next): Promise<void> => {
    if (!warnedSelfRedirect) {
      warnedSelfRedirect = true;
      const path = c.req.path;
      console.warn(
        `[session-timeout] ${c.req.method} ${path} is where the redirect option sends a request without a live session: ` +
          'redirecting it to itself would loop, so it is served without a session, as with required: false ' +
          '(c.var.sessionTimeout.id is null). Keep the middleware off public pages, e.g. ' +
          `app.use('*', except([${JSON.stringify(path).replace(/"/g, "'")}], timeout.middleware)) with except from 'hono/combine'.`,
      );
    }
    return next();
  };

  /**
   * Refuses the request as Hono's own middleware do: an `HTTPException` carrying the answer, which
   * Hono sends as is unless `app.onError` reshapes it. `c.var.sessionTimeout` is set already.
   */
  const refuseEnded = (c: Context, next: Next, reason: NoSessionReason): Promise<void> => {
    const answer = respondEnded(
      c,
      reason,
      o.redirect,
      (error) => sessions.reportError(error, c),
      (target) => isRequestedPage(c, target, o.isTrustedOrigin),
    );
    if (answer === null) return serveRedirectTarget(c, next);
    throw new SessionEndedError(reason, answer);
  };

  const noSession = (c: Context, next: Next): Promise<void> => {
    c.set('sessionTimeout', NO_SESSION);
    sessions.cookie?.clearPresented(c);
    // Fails closed unless the app opted out for this route (`required: false`).
    return o.required ? refuseEnded(c, next, 'missing') : next();
  };

  /**
   * The store does not know the id presented. Ours (a cookie) means our session is gone: as no session.
   * The app's own id means the app still thinks the user is signed in while we lost track (restart,
   * eviction, a forgotten end): never let that through unguarded, whatever `required` says.
   */
  const unknownId = (c: Context, next: Next): Promise<void> => {
    if (sessions.cookie) return noSession(c, next);
    c.set('sessionTimeout', NO_SESSION);
    return refuseEnded(c, next, 'missing');
  };

  const unavailable = (c: Context, error: unknown): never => {
    // Fail closed: a session that could not be looked up (store down, or the app's sessionId()
    // threw) is neither let through as live nor told it has ended.
    sessions.reportError(error, c);
    throw new SessionUnavailableError(respondUnavailable(c), error);
  };

  const ended = async (c: Context, next: Next, id: string, result: Extract<TouchResult, { status: 'ended' }>): Promise<void> => {
    try {
      await sessions.end(c, id, result);
    } catch (error) {
      // onEnd threw: the session stays ended, and the next request runs onEnd again.
      return unavailable(c, error);
    }
    return refuseEnded(c, next, result.reason);
  };

  const afterTouch = (c: Context, next: Next, id: string, now: number, result: TouchResult): Promise<void> => {
    if (result.status === 'alive') {
      c.set('sessionTimeout', liveState(id, result.lastActivity, result.createdAt, now, sessions.limits(result.policy)));
      return next();
    }
    if (result.status === 'missing') return unknownId(c, next);
    return ended(c, next, id, result);
  };

  const afterRead = (c: Context, next: Next, now: number, id: string | undefined | null): Promise<void> => {
    if (!id) return noSession(c, next);
    // A ping reaching us on its way to the ping handler (the middleware mounted over it) is checked,
    // never counted: the element marks its pings `X-Session-Passive: 1`, and the ping itself credits
    // only `now − idle`. No asking the router which handler comes next: Hono exposes that only
    // through internals, and an app's own function around the ping hides it anyway.
    const counts = !isPassive(c, o.isPassivePath, o.isTrustedOrigin);
    let result: TouchResult | Promise<TouchResult>;
    try {
      result = sessions.touch(c, id, now, counts ? now : null);
    } catch (error) {
      return unavailable(c, error);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (settled): Promise<void> => afterTouch(c, next, id, now, settled),
        (error: unknown) => unavailable(c, error),
      );
    }
    return afterTouch(c, next, id, now, result);
  };

  // Not `async`, and no `await` on the common path: a store that answers synchronously (the
  // MemoryStore) and a cookie verified before cost no promise of ours; this runs on every request.
  // A refusal is thrown (see refusal.ts); one thrown synchronously leaves as a rejected promise.
  return function sessionTimeout(c, next) {
    try {
      const now = o.now();
      let read: ReturnType<Sessions['readId']>;
      try {
        read = sessions.readId(c);
      } catch (error) {
        return unavailable(c, error);
      }
      return typeof read === 'object' && read !== null
        ? read.then(
            (id): Promise<void> => afterRead(c, next, now, id),
            (error: unknown) => unavailable(c, error),
          )
        : afterRead(c, next, now, read);
    } catch (refusal) {
      return Promise.reject(refusal);
    }
  };
}

/** Any promise-like answer of a store, whatever library made it (not only `instanceof Promise`). */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T>).then === 'function';
}
