/**
 * How the middleware refuses a request, the Hono way (as `hono/csrf`, `hono/jwt` do): it throws an
 * `HTTPException` carrying the finished answer. Hono's default error handler sends that answer as is;
 * an `app.onError` sees it first and may reshape it (an HTML page, a log line, another redirect).
 *
 * @example
 * ```ts
 * app.onError((err, c) => {
 *   if (err instanceof SessionEndedError && err.reason !== 'missing') return c.html(signedOutPage(err.reason), 401)
 *   if (err instanceof HTTPException) return err.getResponse()
 *   return c.text('Internal Server Error', 500)
 * })
 * ```
 *
 * @module
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { NoSessionReason } from './respond.js';

/**
 * Thrown by the middleware for a request without a live session (ended, or none with `required`):
 * `getResponse()` is the answer it would send (`303` to `redirect`, `HX-Redirect`, or `401` JSON),
 * cookie clearing included; `reason` says why.
 */
export class SessionEndedError extends HTTPException {
  /** `idle` or `absolute` for a session that ended; `missing` for none (or one long forgotten). */
  readonly reason: NoSessionReason;
  constructor(reason: NoSessionReason, res: Response) {
    super(res.status as ContentfulStatusCode, { res, message: `session-timeout: no live session (${reason})` });
    this.name = 'SessionEndedError';
    this.reason = reason;
  }
}

/**
 * Thrown by the middleware when the session could not be looked up (the store, the app's `sessionId()`,
 * a `store`/`secret` function, or `onEnd` failed): `getResponse()` is the `503` with `Retry-After`,
 * `cause` the failure (already given to `onStoreError`).
 */
export class SessionUnavailableError extends HTTPException {
  constructor(res: Response, cause: unknown) {
    super(503, { res, cause, message: 'session-timeout: the session store is unavailable' });
    this.name = 'SessionUnavailableError';
  }
}
