import type { Context } from 'hono';
import { SessionCookie } from './request/cookie.js';
import type { ResolvedOptions } from './options.js';
import { HookError, runDetached, sessionHash, type SessionAuditInfo } from './audit.js';
import { ENDED_STATE, type Limits } from './state.js';
import type { EndReason, SessionPolicy, SessionStore, TouchResult } from './store/contract.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * What the middleware, the ping and `start`/`end` share: where a request's session id comes from,
 * the one store call per request, and how an ended session is put away.
 */
export class Sessions {
  readonly options: ResolvedOptions;
  /** Our signed cookie; `null` when keyed on the application's id. */
  readonly cookie: SessionCookie | null;
  /** The handler's limits, for sessions without their own policy. */
  readonly defaultLimits: Limits;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.defaultLimits = Object.freeze({
      expireAfter: options.expireAfter,
      absoluteTimeout: options.absoluteTimeout,
      expireAfterSeconds: options.expireAfterSeconds,
      warnAfterSeconds: options.warnAfterSeconds,
    });
    this.cookie = options.sessionId
      ? null
      : new SessionCookie({
          name: options.cookieName,
          secrets: options.secrets,
          sameSite: options.sameSite,
          secure: options.secure,
          servedOverHttps: options.servedOverHttps,
        });
  }

  /**
   * This request's session id, if it presents one; synchronous on the common path. May throw (the
   * app's `sessionId`, or a `store`/`secret` function). Every request starts here, so this is where
   * a `store` function is first asked: a broken binding fails each request alike (`503`), with or
   * without a session.
   */
  readId(c: Context): MaybePromise<string | undefined | null> {
    this.store(c);
    return this.cookie ? this.cookie.read(c) : this.options.sessionId!(c);
  }

  /** The limits a session runs by: its own policy (as the store answered it), or the handler's. */
  limits(policy: SessionPolicy | undefined): Limits {
    if (policy === undefined) return this.defaultLimits;
    const { expireAfter, absoluteTimeout, warnAfter } = policy;
    return { expireAfter, absoluteTimeout, expireAfterSeconds: expireAfter / 1000, warnAfterSeconds: warnAfter / 1000 };
  }

  /** This request's store: the static one, or the `store` function's answer (asked once per request). */
  store(c: Context): SessionStore {
    return this.options.storeFor(c);
  }

  /** Whether a secret was configured (statically, or as a function), as `start(c, { subject })` needs. */
  get hasSecret(): boolean {
    const { secrets } = this.options;
    return typeof secrets === 'function' || secrets.length > 0;
  }

  /**
   * The secret that signs, for this request (`null`: outside any request, where only a static one exists).
   * @throws what a `secret` function threw, or its unusable answer; a `TypeError` for a function without a request
   */
  signingSecret(c: Context | null): string {
    const { secrets } = this.options;
    if (typeof secrets !== 'function') return secrets[0]!;
    if (c === null) {
      throw new TypeError('sessionTimeout: a subject outside a request (begin) needs a static secret: a secret function needs the request context');
    }
    return secrets(c)[0]!;
  }

  /**
   * The store for `begin`/`revoke`, which run outside any request.
   * @throws `TypeError` when `store` is a function: it needs the request context
   */
  storeWithoutRequest(method: string): SessionStore {
    const { staticStore } = this.options;
    if (staticStore === null) {
      throw new TypeError(`sessionTimeout: ${method}(id) runs without a request, so it needs a store object, not a store function of the context`);
    }
    return staticStore;
  }

  /**
   * Tells the app (`onStoreError`) that something failed on the way to an answer: the store, the
   * app's own `sessionId()`, or its `onEnd`. The caller usually answers `503`. A hook that throws
   * must not turn that into a `500`, so its error is logged and dropped.
   */
  reportError(error: unknown, c: Context): void {
    try {
      this.options.onStoreError(error, c);
    } catch (hookError) {
      console.error('[session-timeout] onStoreError threw; answering 503 all the same', hookError, error);
    }
  }

  /**
   * Reports what an audit hook threw: to `onStoreError` with a request, else (`begin`) to the console.
   * Never throws.
   */
  reportHookError(hook: HookError['hook'], error: unknown, c: Context | null): void {
    const wrapped = new HookError(hook, error);
    if (c) this.reportError(wrapped, c);
    else console.error(`[session-timeout] ${wrapped.message}`, error);
  }

  /**
   * What every audit hook is told about session `id`: its keyed hash, never the id.
   * @throws without a secret to key it, or when a `secret` function fails
   */
  async auditInfo(c: Context | null, id: string, subject: string | undefined, at: number): Promise<SessionAuditInfo> {
    const session = await sessionHash(this.signingSecret(c), id);
    return subject === undefined ? { session, at } : { session, subject, at };
  }

  /** Runs `onStart` off the request path, if set. */
  auditStart(c: Context | null, id: string, subject: string | undefined, limits: Limits, at: number): void {
    const { onStart } = this.options;
    if (!onStart) return;
    this.#audit('onStart', c, async () => {
      const info = await this.auditInfo(c, id, subject, at);
      const absoluteTimeout = limits.absoluteTimeout === null ? null : limits.absoluteTimeout / 1000;
      await onStart(c, { ...info, expireAfter: limits.expireAfterSeconds, warnAfter: limits.warnAfterSeconds, absoluteTimeout });
    });
  }

  /** Runs `onExtend` off the request path, if set. `remaining` in seconds. */
  auditExtend(c: Context, id: string, subject: string | undefined, lastActivity: number, remaining: number, at: number): void {
    const { onExtend } = this.options;
    if (!onExtend) return;
    this.#audit('onExtend', c, async () => onExtend(c, { ...(await this.auditInfo(c, id, subject, at)), lastActivity, remaining }));
  }

  /** Runs `onEnd(c, 'logout')` off the request path, if set: the session is already deleted. */
  auditLogout(c: Context, id: string, at: number): void {
    const { onEnd } = this.options;
    if (!onEnd) return;
    this.#audit('onEnd', c, async () => onEnd(c, 'logout', await this.#endInfo(c, id, undefined, at)));
  }

  /** Runs an audit hook's work off the request path (never awaited by it); what it throws is reported. */
  #audit(hook: HookError['hook'], c: Context | null, work: () => Promise<unknown>): void {
    runDetached(c, async () => void (await work()), (error) => this.reportHookError(hook, error, c));
  }

  /** `onEnd`'s info: `undefined` without a secret; a secret function that fails is reported, not fatal to `onEnd`. */
  async #endInfo(c: Context, id: string, subject: string | undefined, at: number): Promise<SessionAuditInfo | undefined> {
    if (!this.hasSecret) return undefined;
    try {
      return await this.auditInfo(c, id, subject, at);
    } catch (error) {
      this.reportError(error, c);
      return undefined;
    }
  }

  /**
   * The one store round trip of a request. `activity` is when the user was last active by this
   * request's account (ms), or `null` to only check. `touchAfter` (ms) defaults to the option's.
   */
  touch(c: Context, id: string, now: number, activity: number | null, touchAfter = this.options.touchAfter): MaybePromise<TouchResult> {
    const o = this.options;
    return this.store(c).touch(id, {
      now,
      expireAfter: o.expireAfter,
      absoluteTimeout: o.absoluteTimeout,
      activity,
      touchAfter,
      tombstoneFor: o.tombstoneFor,
    });
  }

  /**
   * Puts away a session the store found ended: says so in `c.var.sessionTimeout`, tells the app
   * (`onEnd`) when this request holds that duty (`first`), then clears our cookie. The store has
   * already replaced the entry by a tombstone that can never come back to life; it is kept (not
   * deleted) so that the requests still in flight — another tab's ping, the navigation that follows
   * the element's redirect — learn *why* (`idle`/`absolute`) instead of `missing`, for `tombstoneFor`.
   *
   * @throws what `onEnd` threw, having given the duty back to the store and kept the cookie, so
   *   the next request of this session runs the hook again; the caller answers `503`
   */
  async end(c: Context, id: string, { reason, first, subject }: Extract<TouchResult, { status: 'ended' }>): Promise<void> {
    c.set('sessionTimeout', ENDED_STATE[reason]);
    if (first) await this.#reportEnd(c, id, reason, subject, this.options.now());
    this.cookie?.clear(c);
  }

  /** Runs `onEnd` until it succeeds: a throw hands the duty back, a success settles it for good. */
  async #reportEnd(c: Context, id: string, reason: EndReason, subject: string | undefined, at: number): Promise<void> {
    const { onEnd } = this.options;
    if (!onEnd) return;
    const store = this.store(c);
    try {
      await onEnd(c, reason, await this.#endInfo(c, id, subject, at));
    } catch (error) {
      // If even this fails, the store hands the duty out again once its lease lapses.
      await store.settleEndReport(id, false).catch((settleError: unknown) => this.reportError(settleError, c));
      throw error;
    }
    try {
      await store.settleEndReport(id, true);
    } catch (error) {
      // The end is real and answered as such; at worst onEnd runs once more after the lease.
      this.reportError(error, c);
    }
  }
}
