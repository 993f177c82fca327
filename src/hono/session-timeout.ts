import type { Context, Handler, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { randomId } from './request/cookie.js';
import { crossSiteRefusal, isCrossSite } from './request/cross-site.js';
import { createSessionCheck } from './middleware.js';
import { resolveOptions, type SessionTimeoutOptions } from './options.js';
import { createPing } from './ping.js';
import { respondUnavailable } from './respond.js';
import { Sessions } from './sessions.js';
import { NO_SESSION, liveState, type SessionTimeoutVariables } from './state.js';
import { checkSubject, subjectHash } from './subject.js';
import { resolvePolicy, type PolicyOptions } from './policy.js';
import type { CreateRequest, SessionPolicy } from './store/contract.js';

/**
 * Options of {@link SessionTimeout.start} (and, without `id`, of `begin`). `expireAfter`, `warnAfter`
 * and `absoluteTimeout` give this one session its own limits (seconds), kept by the store for its
 * whole life: e.g. `{ expireAfter: 300 }` for an administrator, `{ expireAfter: 120 }` for a kiosk.
 */
export interface StartOptions extends PolicyOptions {
  /** With the `sessionId` option: the session's id (default: `sessionId(c)`). */
  id?: string;
  /**
   * The application's stable id of the signed-in user (e.g. the username). Optional; needed for an
   * ended page that kept unsaved work to resume when the same user signs in again. Stored and sent
   * only as a keyed hash (HMAC under `secret`), never as given.
   */
  subject?: string;
}

/** What {@link sessionTimeout} returns: mount `ping` and `middleware`, call `start` and `end`. */
export interface SessionTimeout {
  /**
   * Checks the session on every request it is mounted on: ends it (303 / `HX-Redirect` / 401) once
   * idle or past its absolute limit, otherwise counts the request as activity (unless passive) and
   * sets `c.var.sessionTimeout`. Answers `503` when the store fails.
   */
  middleware: MiddlewareHandler<{ Variables: SessionTimeoutVariables }>;
  /**
   * The keep-alive endpoint the `<session-timeout>` element posts `{"idle": seconds}` to. Mount it
   * with `app.post(path, ping)`, or `app.all(path, ping)` to answer other methods `405`.
   */
  ping: Handler<{ Variables: SessionTimeoutVariables }>;
  /**
   * Begins a session, at login. With our cookie: a fresh random id in a new signed cookie, and the
   * request's previous session (if any) deleted, so an id planted before login is worthless after it.
   * With `sessionId`: `id`, or else `sessionId(c)`, is registered. `subject` names who signed in.
   *
   * `expireAfter`, `warnAfter`, `absoluteTimeout` (seconds) override the handler's for this session:
   * the middleware ends it by them and the ping reports them.
   *
   * @example
   * await timeout.start(c, { subject: user.id })
   * await timeout.start(c, { subject: admin.id, expireAfter: 300 }) // administrators: 5 minutes
   * @returns the new session's id
   * @throws `TypeError` for a `subject` that is not a non-empty string, or a `subject` without `secret`;
   *   for a duration that is not a finite number above 0, or `warnAfter` ≥ `expireAfter` (naming the
   *   option, nothing stored)
   * @throws `HTTPException` 503 (with `Retry-After`; Hono answers it as is) when the store fails or
   *   is full (`MemoryStoreFullError`), or `sessionId()` throws, after telling `onStoreError`: the login
   *   fails rather than starting an unguarded session
   */
  start(c: Context, options?: StartOptions | string): Promise<string>;
  /**
   * Ends the session, at logout: deletes it from the store and clears our cookie; with the
   * `clearSiteData` option, also asks the browser to drop every cookie of the site
   * (`Clear-Site-Data: "cookies"`). With `sessionId`, the id is `id` or else `sessionId(c)`.
   *
   * @throws `HTTPException` 403, having changed nothing, for a cross-site request (`Sec-Fetch-Site`
   *   or a foreign `Origin`, the ping's check and its `origin` option)
   * @throws when the store fails; the cookie is cleared on the answer all the same
   */
  end(c: Context, id?: string): Promise<void>;
  /**
   * Registers a session by id without a request: for auth hooks that run with no Hono `Context`
   * (e.g. better-auth's `databaseHooks.session.create.after`). With `sessionId` only: the id is the
   * app's own session id, found later by `sessionId(c)`.
   *
   * @example
   * databaseHooks: { session: { create: { after: (session) => timeout.begin(session.token, { subject: session.userId }) } } }
   * @throws `TypeError` for an empty id, a bad `subject` or duration (as `start`), or without the `sessionId` option; the store's error as is
   * @throws `TypeError` when `store` is a function of the context (or, with a `subject`, `secret` is): there is no context here
   */
  begin(id: string, options?: Omit<StartOptions, 'id'>): Promise<void>;
  /**
   * Forgets a session by id without a request (a sign-out or revocation seen by an auth hook): its
   * next request finds no session. With `sessionId` only.
   *
   * @throws `TypeError` for an empty id or without the `sessionId` option, or when `store` is a function of the context; the store's error as is
   */
  revoke(id: string): Promise<void>;
}

/**
 * Server-side idle and absolute session expiry for Hono, speaking the ping protocol of the
 * `<session-timeout>` element. Options are validated here, once: a bad one throws at start-up.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono'
 * import { sessionTimeout } from 'session-timeout-element/hono'
 *
 * const timeout = sessionTimeout({
 *   expireAfter: 900, warnAfter: 840, absoluteTimeout: 8 * 3600,
 *   redirect: '/login', secret: process.env.SESSION_SECRET,
 * })
 * const app = new Hono()
 * app.post('/session/ping', timeout.ping)
 * app.use('/app/*', timeout.middleware)
 * app.post('/login', async (c) => { await timeout.start(c); return c.redirect('/app', 303) })
 * app.post('/logout', async (c) => { await timeout.end(c); return c.redirect('/login', 303) })
 * ```
 */
export function sessionTimeout(options: SessionTimeoutOptions): SessionTimeout {
  const o = resolveOptions(options);
  const sessions = new Sessions(o);

  /** Throws a `TypeError` for a bad subject, or a subject without any secret to key its hash. */
  const checkSubjectOption = (subject: unknown): void => {
    checkSubject(subject);
    if (subject !== undefined && !sessions.hasSecret) {
      throw new TypeError('sessionTimeout: a subject needs the secret option: it is stored as its keyed hash');
    }
  };
  /**
   * The keyed hash to store for a subject (checked first), or nothing. Without a request (`begin`),
   * only a static secret can key it.
   */
  const hashSubject = async (subject: unknown, c: Context | null): Promise<string | undefined> => {
    checkSubjectOption(subject);
    if (subject === undefined) return undefined;
    return subjectHash(sessions.signingSecret(c), subject as string);
  };
  /** What the store is told at creation: the session's own limits when it has some, else the handler's. */
  const createRequest = (policy: SessionPolicy | undefined, subject: string | undefined): CreateRequest => ({
    expireAfter: policy?.expireAfter ?? o.expireAfter,
    absoluteTimeout: policy ? policy.absoluteTimeout : o.absoluteTimeout,
    tombstoneFor: o.tombstoneFor,
    ...(subject === undefined ? {} : { subject }),
    ...(policy === undefined ? {} : { policy }),
  });
  /** begin() and revoke() work on the app's own ids, which only `sessionId` mode has. */
  const checkOwnId = (method: string, id: unknown): void => {
    if (sessions.cookie) throw new TypeError(`sessionTimeout: ${method}(id) needs the sessionId option; with our cookie, use start(c) and end(c)`);
    if (typeof id !== 'string' || id === '') throw new TypeError(`sessionTimeout: ${method}(id) needs a non-empty string id`);
  };

  return {
    middleware: createSessionCheck(sessions),
    ping: createPing(sessions),

    async start(c, options) {
      const given: StartOptions = typeof options === 'string' ? { id: options } : (options ?? {});
      const { id, subject } = given;
      checkSubjectOption(subject);
      const policy = resolvePolicy(given, o, 'start(c, { … })');
      if (sessions.cookie && id !== undefined) {
        throw new Error('sessionTimeout: start(c, id) takes an id only with the sessionId option; our ids are random');
      }
      const now = o.now();
      let newId: string | undefined | null;
      let subjectHashed: string | undefined;
      try {
        // Inside the try: a `secret` or `store` function that fails fails the login with 503 too.
        const hashed = await hashSubject(subject, c);
        const previous = await sessions.readId(c);
        const store = sessions.store(c);
        newId = sessions.cookie ? randomId() : (id ?? previous);
        subjectHashed = hashed;
        if (newId) {
          if (previous && previous !== newId) await store.delete(previous);
          await store.create(newId, now, createRequest(policy, hashed));
        }
      } catch (error) {
        // No session was stored, so none may start: the login fails with 503, as the middleware would.
        sessions.reportError(error, c);
        throw new HTTPException(503, { res: respondUnavailable(c), cause: error });
      }
      if (!newId) throw new Error('sessionTimeout: start(c) found no session id: pass one, start(c, id)');
      await sessions.cookie?.set(c, newId);
      const limits = sessions.limits(policy);
      c.set('sessionTimeout', liveState(newId, now, now, now, limits));
      sessions.auditStart(c, newId, subjectHashed, limits, now);
      return newId;
    },

    async end(c, id) {
      // The ping's own check: any site could otherwise sign the user out with an auto-submitting form.
      if (isCrossSite(c, o.isTrustedOrigin)) throw crossSiteRefusal();
      let current: string | undefined | null;
      try {
        current = id ?? (await sessions.readId(c));
      } finally {
        // Clear first: even if the store (or a `store`/`secret` function) fails, this browser is signed out.
        sessions.cookie?.clear(c);
        if (o.clearSiteData) c.header('Clear-Site-Data', '"cookies"');
        c.set('sessionTimeout', NO_SESSION);
      }
      if (current) {
        await sessions.store(c).delete(current);
        sessions.auditLogout(c, current, o.now());
      }
    },

    async begin(id, options = {}) {
      checkOwnId('begin', id);
      const policy = resolvePolicy(options, o, 'begin(id, { … })');
      const hashed = await hashSubject(options.subject, null);
      const now = o.now();
      await sessions.storeWithoutRequest('begin').create(id, now, createRequest(policy, hashed));
      sessions.auditStart(null, id, hashed, sessions.limits(policy), now);
    },

    async revoke(id) {
      checkOwnId('revoke', id);
      await sessions.storeWithoutRequest('revoke').delete(id);
    },
  };
}
