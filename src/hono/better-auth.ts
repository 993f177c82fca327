/**
 * `session-timeout-element/better-auth`: server-side idle and absolute expiry for apps whose sign-in
 * is better-auth, on Hono. One call gives the handler (`ping`, `middleware`) and a better-auth plugin
 * that keeps the two in step: a better-auth session starts ours, an ended (or lost) one of ours is
 * revoked in better-auth and refused by its own endpoints, and any revocation of better-auth ends ours.
 *
 * @example
 * ```ts
 * const timeout = betterAuthSessionTimeout({ expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET })
 * const auth = betterAuth({ database, emailAndPassword: { enabled: true }, plugins: [timeout.plugin] })
 * app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw))
 * app.post('/api/session/ping', timeout.ping)
 * app.use('/app/*', timeout.middleware)
 * ```
 *
 * @module
 */
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { deleteSessionCookie } from 'better-auth/cookies';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { generateCookie, getCookie, getSignedCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { SessionTimeoutOptions } from './options.js';
import { SessionEndedError } from './refusal.js';
import { sessionTimeout, type SessionTimeout } from './session-timeout.js';
import type { SessionTimeoutVariables } from './state.js';
import { MemoryStore } from './store/memory.js';
import type { SessionStore, TouchRequest, TouchResult } from './store/contract.js';

/** What better-auth hands a plugin's `init`: its secret, cookie names and internal adapter. */
type AuthContext = Parameters<NonNullable<BetterAuthPlugin['init']>>[0];

/**
 * Options of {@link betterAuthSessionTimeout}: those of `sessionTimeout()`, less `sessionId` (it is
 * better-auth's session token) and with `store` as an object (better-auth's hooks run without a request).
 */
export interface BetterAuthSessionTimeoutOptions extends Omit<SessionTimeoutOptions, 'sessionId' | 'store' | 'secret'> {
  /**
   * Where sessions live (a `RedisStore` when several servers share them). An object, not a function of
   * the context: better-auth starts and ends sessions in hooks that have no request.
   * @defaultValue `new MemoryStore()`
   */
  store?: SessionStore;
  /**
   * Keys the hash of the signed-in user's id (`subject`, from better-auth's `session.userId`), so a
   * page that kept unsaved work resumes only for the same user. At least 32 characters; a list rotates.
   * Without it, sessions carry no subject and an ended page does not resume.
   * @defaultValue none
   */
  secret?: string | readonly string[];
}

/**
 * What {@link betterAuthSessionTimeout} returns: the handler (mount `ping` and `middleware`; the plugin
 * does what `start`/`end` would, so sign in and out through better-auth) and the plugin to give better-auth.
 */
export interface BetterAuthSessionTimeout extends SessionTimeout {
  /** Pass it to `betterAuth({ plugins: [timeout.plugin] })`. */
  plugin: BetterAuthPlugin & { id: 'session-timeout' };
}

/** better-auth endpoints that start or end a session themselves: an ended cookie must not stop a new sign-in. */
const OWN_SESSION_PATHS = /^\/(sign-in|sign-up|sign-out)(\/|$)/;

/** What the check of a better-auth endpoint's session found. */
type Verdict = 'alive' | 'ended' | 'unavailable';

/**
 * Idle and absolute expiry keyed on better-auth's sessions: its session token (from its signed cookie)
 * is our session id, so no cookie of ours is set.
 *
 * - a session better-auth creates (any sign-in) starts ours, `subject` = its user id (with `secret`);
 * - every better-auth endpoint that carries a session (all but sign-in, sign-up and sign-out, over HTTP
 *   or through `auth.api` with headers) checks ours first, without counting as activity (one more store
 *   read): an ended or unknown one is refused there as if signed out (`get-session` answers `null`, the
 *   others `401`, the cookie cache unread), its cookies expired; an end found there runs `onEnd` with a
 *   Hono context of that request (no `env`, no variables of your app);
 * - a session of ours that ends (idle, absolute) runs `onEnd` (yours), then is revoked in better-auth
 *   and its cookies expired on the answer; if either fails, the error goes to `onStoreError`, the
 *   request is answered `503`, the cookie is kept and the session stays ended: the next request
 *   completes the end (your `onEnd` may thus run more than once);
 * - a session better-auth holds but our store does not (a `MemoryStore` restart, an eviction) is refused
 *   as `missing` and revoked in better-auth: it is not begun afresh, since nothing says when its user
 *   was last active;
 * - every revocation of better-auth ends ours: sign-out and deletions through its database by its hooks;
 *   with `secondaryStorage` (where revocations such as `revoke-other-sessions` run no hook), each request
 *   that finds ours alive asks better-auth whether it still holds the session (its `findSession`: two
 *   `secondaryStorage` reads), and ends ours if not;
 * - a sign-in whose session cannot be stored fails with `503` rather than start an unguarded session.
 *
 * @example
 * ```ts
 * const timeout = betterAuthSessionTimeout({ expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET })
 * const auth = betterAuth({ database, emailAndPassword: { enabled: true }, plugins: [timeout.plugin] })
 * app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw))
 * app.post('/api/session/ping', timeout.ping)
 * app.use('/app/*', timeout.middleware)
 * ```
 * @throws `TypeError` for `sessionId` (better-auth's token is the id) or a `store` function; otherwise what `sessionTimeout()` throws
 */
export function betterAuthSessionTimeout(options: BetterAuthSessionTimeoutOptions): BetterAuthSessionTimeout {
  const given = options as SessionTimeoutOptions;
  if (given.sessionId !== undefined) {
    throw new TypeError('betterAuthSessionTimeout: no sessionId option: the id is better-auth’s session token');
  }
  if (typeof given.store === 'function') {
    throw new TypeError('betterAuthSessionTimeout: store must be a store object, not a function: better-auth’s hooks run without a request');
  }
  let auth: AuthContext | null = null;
  /** Tokens we are revoking ourselves: better-auth's delete hook must not erase the tombstone we just made. */
  const revoking = new Set<string>();

  /** better-auth's session token from its signed cookie; `null` when absent or tampered with. */
  const tokenOf = async (c: Context): Promise<string | null> => {
    const ctx = initialised(auth);
    const token = await getSignedCookie(c, ctx.secret, ctx.authCookies.sessionToken.name);
    return typeof token === 'string' && token !== '' ? token : null;
  };

  /** Revokes a session in better-auth (its database delete hook then leaves ours alone). */
  const revokeInBetterAuth = async (token: string): Promise<void> => {
    revoking.add(token);
    try {
      await initialised(auth).internalAdapter.deleteSession(token);
    } finally {
      revoking.delete(token);
    }
  };

  const store = new BetterAuthBoundStore(options.store ?? new MemoryStore(), () => initialised(auth), revokeInBetterAuth);

  const timeout = sessionTimeout({
    ...options,
    store,
    sessionId: tokenOf,
    async onEnd(c, reason, info) {
      // Yours first: if it throws, nothing is undone yet and the cookie stays, so the next request of
      // this session (which stays ended, never served) runs the whole end again.
      await options.onEnd?.(c, reason, info);
      const token = await tokenOf(c);
      if (token) await revokeInBetterAuth(token);
      // Only once revoked: a failure keeps the cookie, so the next request of the session tries again.
      for (const line of expiredAuthCookies(c, initialised(auth))) c.header('Set-Cookie', line, { append: true });
    },
  });
  // A subject needs a secret that exists outside a request; without one, sessions start without it.
  const withSubject = options.secret !== undefined;

  /**
   * The handler's middleware, plus: a session our store did not know (`missing`), which the store has
   * just revoked in better-auth, gets better-auth's cookies expired on the refusal.
   */
  const middleware: MiddlewareHandler<{ Variables: SessionTimeoutVariables }> = (c, next) =>
    // The core refuses by rejecting (refusal.ts): only a 'missing' refusal is reshaped.
    timeout.middleware(c, next).catch((refusal: unknown) => {
      if (!(refusal instanceof SessionEndedError) || refusal.reason !== 'missing') throw refusal;
      const expired = expiredAuthCookies(c, initialised(auth));
      throw expired.length === 0 ? refusal : new SessionEndedError('missing', withSetCookies(refusal.getResponse(), expired));
    });

  /**
   * Runs the middleware on a better-auth request, as a passive check (never activity: the client's
   * `get-session` polls are not the user's), so every end runs exactly as on the app's own routes:
   * `onEnd` with a Hono context of that request, the revocation, the retry duty.
   */
  const checker = new Hono<{ Bindings: { verdict: Verdict }; Variables: SessionTimeoutVariables }>();
  checker.use(middleware);
  checker.all('*', (c) => {
    c.env.verdict = 'alive';
    return c.body(null, 204);
  });
  checker.onError((error, c) => {
    c.env.verdict = error instanceof SessionEndedError ? 'ended' : 'unavailable';
    return error instanceof HTTPException ? error.getResponse() : c.body(null, 500);
  });
  const check = async (url: string, headers: Headers): Promise<Verdict> => {
    const probe = new Headers(headers);
    probe.set('X-Session-Passive', '1');
    // Only the verdict is used: no redirect is built (an OAuth callback is a navigation; a `redirect`
    // function reading route parameters would find none here).
    probe.set('Sec-Fetch-Mode', 'cors');
    probe.delete('HX-Request');
    const env: { verdict: Verdict } = { verdict: 'unavailable' };
    await checker.fetch(new Request(url, { headers: probe }), env);
    return env.verdict;
  };
  /** The URL the check is made for: the request's, or (an `auth.api` call without one) the endpoint's. */
  const urlOf = (request: Request | undefined, baseURL: string, path: string): string => {
    if (request) return request.url;
    // A dynamic baseURL may be unresolved here; the path is what a `passive` or `redirect` option reads.
    return URL.canParse(`${baseURL}${path}`) ? `${baseURL}${path}` : new URL(path, 'http://localhost').href;
  };

  /** Forgets a session better-auth ended; a failure is logged, never turned into a failed sign-out. */
  const forget = async (token: string): Promise<void> => {
    try {
      await timeout.revoke(token);
    } catch (error) {
      auth?.logger.error('[session-timeout] could not end the session better-auth ended; it ends when idle', error);
    }
  };

  const plugin = {
    id: 'session-timeout',
    init(ctx) {
      auth = ctx;
      return {
        options: {
          databaseHooks: {
            session: {
              create: {
                async after(session) {
                  try {
                    await timeout.begin(session.token, withSubject ? { subject: session.userId } : {});
                  } catch (error) {
                    ctx.logger.error('[session-timeout] could not start the session; the sign-in fails', error);
                    throw new APIError('SERVICE_UNAVAILABLE', { message: 'The session store is unavailable; retry shortly.' });
                  }
                },
              },
              delete: {
                // Every deletion with a database: sign-out, revokeSession(s), revokeOtherSessions, deleteUser.
                async after(session) {
                  if (!revoking.has(session.token)) await forget(session.token);
                },
              },
            },
          },
        },
      };
    },
    hooks: {
      before: [
        {
          // Every endpoint that may carry a session, over HTTP or through `auth.api` with headers.
          matcher: (context) => context.headers !== undefined && !OWN_SESSION_PATHS.test(context.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const headers = ctx.headers;
            const { authCookies } = ctx.context;
            if (!headers || !presentedNames(headers).some((name) => isCookieOf(name, authCookies.sessionToken.name))) return;
            const verdict = await check(urlOf(ctx.request, ctx.context.baseURL, ctx.path), headers);
            if (verdict === 'alive') return;
            if (verdict === 'unavailable') {
              throw new APIError('SERVICE_UNAVAILABLE', { message: 'The session store is unavailable; retry shortly.' });
            }
            // Ended (and revoked) or unknown: the endpoint runs as for a visitor who never signed in,
            // so better-auth itself answers `null` or `401`, and no cached copy of the session is read.
            deleteSessionCookie(ctx);
            return { context: { headers: withoutAuthCookies(headers, ctx.context) } };
          }),
        },
      ],
      after: [
        {
          // Sign-out also where sessions live only in secondary storage (no delete hook runs there).
          matcher: (context) => context.path === '/sign-out',
          handler: createAuthMiddleware(async (ctx) => {
            const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
            if (typeof token === 'string' && token !== '') await forget(token);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;

  return { ...timeout, middleware, plugin };
}

/**
 * Our store as the plugin sees it: every `touch` also settles what better-auth knows of the session.
 *
 * - `missing` (ours was lost: a `MemoryStore` restart, an eviction, or ended long ago) while the request
 *   carries a token better-auth signed: the token is revoked in better-auth. Revoked, not begun afresh:
 *   a lost record says nothing of when the user was last active, and a security control fails closed.
 * - `alive`, with `secondaryStorage`: better-auth revokes there (revoke-other-sessions, revoke-user-
 *   sessions, change-password, ban-user…) by deleting keys and marking the user, running no hook we
 *   could see; so better-auth is asked (`findSession`, which honours both and bypasses its cookie cache)
 *   and a session it no longer holds is deleted here and answered `missing`. A database-only better-auth
 *   deletes through its adapter, whose delete hook ends ours at once: no lookup there, and no promise.
 * - `ended` is answered as is, so the other tabs still learn why (`idle`/`absolute`) from the tombstone.
 *
 * A failure of better-auth rejects the touch: the request is answered `503`, and the next one retries.
 */
class BetterAuthBoundStore implements SessionStore {
  readonly #inner: SessionStore;
  readonly #auth: () => AuthContext;
  readonly #revoke: (token: string) => Promise<void>;

  constructor(inner: SessionStore, auth: () => AuthContext, revoke: (token: string) => Promise<void>) {
    this.#inner = inner;
    this.#auth = auth;
    this.#revoke = revoke;
  }

  create(...args: Parameters<SessionStore['create']>): Promise<void> {
    return this.#inner.create(...args);
  }

  settleEndReport(id: string, reported: boolean): Promise<void> {
    return this.#inner.settleEndReport(id, reported);
  }

  delete(id: string): Promise<void> {
    return this.#inner.delete(id);
  }

  touch(id: string, request: TouchRequest): TouchResult | Promise<TouchResult> {
    const result = this.#inner.touch(id, request);
    return isThenable(result) ? Promise.resolve(result).then((settled) => this.#settle(id, settled)) : this.#settle(id, result);
  }

  #settle(id: string, result: TouchResult): TouchResult | Promise<TouchResult> {
    if (result.status === 'missing') return this.#revoke(id).then(() => result);
    if (result.status === 'alive' && this.#auth().options.secondaryStorage) return this.#confirm(id, result);
    return result;
  }

  async #confirm(id: string, alive: TouchResult): Promise<TouchResult> {
    const found = await this.#auth().internalAdapter.findSession(id);
    // better-auth's own expiry, by its own clock.
    if (found !== null && new Date(found.session.expiresAt).getTime() > Date.now()) return alive;
    await this.#inner.delete(id);
    return { status: 'missing' };
  }
}

/** Any promise-like answer of a store, whatever library made it. */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T>).then === 'function';
}

/** The captured context, or a clear error (the request is answered `503` through `onStoreError`). */
function initialised(auth: AuthContext | null): AuthContext {
  if (auth === null) {
    throw new Error(
      'betterAuthSessionTimeout: better-auth has not initialised the plugin: pass timeout.plugin in betterAuth({ plugins: [...] })',
    );
  }
  return auth;
}

/** The auth cookies better-auth may set for a session, by base name (a cached session comes in chunks `name.0`…). */
function authCookieKinds(ctx: AuthContext) {
  const { sessionToken, sessionData, dontRememberToken, accountData } = ctx.authCookies;
  return [sessionToken, sessionData, dontRememberToken, accountData];
}

/** Whether cookie `name` is the cookie `base` or one of its chunks. */
const isCookieOf = (name: string, base: string): boolean => name === base || name.startsWith(`${base}.`);

/**
 * `Set-Cookie` lines expiring better-auth's cookies that this request brought: the session token, the
 * cached session (`session_data`, possibly in chunks, which better-auth would otherwise trust for up
 * to its `cookieCache.maxAge`), the "don't remember me" marker and the account cookie.
 */
function expiredAuthCookies(c: Context, ctx: AuthContext): string[] {
  const presented = Object.keys(getCookie(c));
  const lines: string[] = [];
  for (const { name, attributes } of authCookieKinds(ctx)) {
    for (const cookie of presented) {
      if (!isCookieOf(cookie, name)) continue;
      lines.push(
        generateCookie(cookie, '', {
          path: attributes.path ?? '/',
          ...(attributes.domain ? { domain: attributes.domain } : {}),
          secure: attributes.secure ?? false,
          httpOnly: attributes.httpOnly ?? true,
          ...(attributes.sameSite ? { sameSite: attributes.sameSite } : {}),
          maxAge: 0,
        }),
      );
    }
  }
  return lines;
}

/** A copy of `res` that also sets these cookies (a refusal is built before we know to expire them). */
function withSetCookies(res: Response, lines: readonly string[]): Response {
  const headers = new Headers(res.headers);
  for (const line of lines) headers.append('Set-Cookie', line);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** The `Cookie` header's pairs, as written. */
function cookiePairs(headers: Headers): string[] {
  return (headers.get('cookie') ?? '').split(';').map((pair) => pair.trim()).filter((pair) => pair !== '');
}

/** The names of the cookies a request brought. */
function presentedNames(headers: Headers): string[] {
  return cookiePairs(headers).map((pair) => pair.split('=', 1)[0]!.trim());
}

/**
 * The request's `Cookie` header without better-auth's session cookies, as a header set for a
 * before hook to merge into the request: the endpoint then sees no session, cached or not.
 */
function withoutAuthCookies(headers: Headers, ctx: AuthContext): Headers {
  const kinds = authCookieKinds(ctx);
  const kept = cookiePairs(headers).filter((pair) => {
    const name = pair.split('=', 1)[0]!.trim();
    return !kinds.some((kind) => isCookieOf(name, kind.name));
  });
  return new Headers({ cookie: kept.join('; ') });
}
