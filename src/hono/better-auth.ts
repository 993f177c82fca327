/**
 * `session-timeout-element/better-auth`: server-side idle and absolute expiry for apps whose sign-in
 * is better-auth, on Hono. One call gives the handler (`ping`, `middleware`) and a better-auth plugin
 * that keeps the two in step: a better-auth session starts ours, an ended one of ours is revoked in
 * better-auth, and better-auth's sign-out (or any revocation) ends ours.
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
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie } from 'hono/cookie';
import type { SessionTimeoutOptions } from './options.js';
import { sessionTimeout, type SessionTimeout } from './session-timeout.js';
import type { SessionStore } from './store/contract.js';

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

/**
 * Idle and absolute expiry keyed on better-auth's sessions: its session token (from its signed cookie)
 * is our session id, so no cookie of ours is set.
 *
 * - a session better-auth creates (any sign-in) starts ours, `subject` = its user id (with `secret`);
 * - a session of ours that ends (idle, absolute) is revoked in better-auth and its cookies expired on
 *   the answer, before `onEnd` (yours) runs; if better-auth fails to revoke it, the error goes to
 *   `onStoreError`, the request is answered `503`, and the session stays ended: the next request tries again;
 * - better-auth's sign-out, `revokeSession(s)` and user deletion end ours;
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

  /** Our `onEnd`: revoke the token in better-auth, then expire its cookies on this answer. */
  const revokeInBetterAuth = async (c: Context): Promise<void> => {
    const ctx = initialised(auth);
    const token = await tokenOf(c);
    if (token) {
      revoking.add(token);
      try {
        await ctx.internalAdapter.deleteSession(token);
      } finally {
        revoking.delete(token);
      }
    }
    // Only once revoked: a failure keeps the cookie, so the next request of the session tries again.
    expireAuthCookies(c, ctx);
  };

  const timeout = sessionTimeout({
    ...options,
    sessionId: tokenOf,
    async onEnd(c, reason, info) {
      await revokeInBetterAuth(c);
      await options.onEnd?.(c, reason, info);
    },
  });
  // A subject needs a secret that exists outside a request; without one, sessions start without it.
  const withSubject = options.secret !== undefined;

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

  return { ...timeout, plugin };
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

/**
 * Expires better-auth's cookies that this request brought: the session token, the cached session
 * (`session_data`, possibly in chunks `session_data.0`…, which better-auth would otherwise trust for up
 * to its `cookieCache.maxAge`), the "don't remember me" marker and the account cookie.
 */
function expireAuthCookies(c: Context, ctx: AuthContext): void {
  const { sessionToken, sessionData, dontRememberToken, accountData } = ctx.authCookies;
  const presented = Object.keys(getCookie(c));
  for (const { name, attributes } of [sessionToken, sessionData, dontRememberToken, accountData]) {
    for (const cookie of presented) {
      if (cookie !== name && !cookie.startsWith(`${name}.`)) continue;
      deleteCookie(c, cookie, {
        path: attributes.path ?? '/',
        ...(attributes.domain ? { domain: attributes.domain } : {}),
        secure: attributes.secure ?? false,
        httpOnly: attributes.httpOnly ?? true,
        ...(attributes.sameSite ? { sameSite: attributes.sameSite } : {}),
      });
    }
  }
}
