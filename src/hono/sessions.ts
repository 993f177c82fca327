import type { Context } from 'hono';
import { SessionCookie } from './cookie.js';
import type { ResolvedOptions } from './options.js';
import { ENDED_STATE } from './state.js';
import type { EndReason, TouchResult } from './store.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * What the middleware, the ping and `start`/`end` share: where a request's session id comes from,
 * the one store call per request, and how an ended session is put away.
 */
export class Sessions {
  readonly options: ResolvedOptions;
  /** Our signed cookie; `null` when keyed on the application's id. */
  readonly cookie: SessionCookie | null;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.cookie = options.sessionId
      ? null
      : new SessionCookie({
          name: options.cookieName,
          secrets: options.secrets,
          sameSite: options.sameSite,
          secure: options.secure,
        });
  }

  /** This request's session id, if it presents one; synchronous on the common path. May throw (the app's `sessionId`). */
  readId(c: Context): MaybePromise<string | undefined | null> {
    return this.cookie ? this.cookie.read(c) : this.options.sessionId!(c);
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
   * The one store round trip of a request. `activity` is when the user was last active by this
   * request's account (ms), or `null` to only check.
   */
  touch(id: string, now: number, activity: number | null): MaybePromise<TouchResult> {
    const o = this.options;
    return o.store.touch(id, {
      now,
      expireAfter: o.expireAfter,
      absoluteTimeout: o.absoluteTimeout,
      activity,
      touchAfter: o.touchAfter,
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
  async end(c: Context, id: string, { reason, first }: Extract<TouchResult, { status: 'ended' }>): Promise<void> {
    c.set('sessionTimeout', ENDED_STATE[reason]);
    if (first) await this.#reportEnd(c, id, reason);
    this.cookie?.clear(c);
  }

  /** Runs `onEnd` until it succeeds: a throw hands the duty back, a success settles it for good. */
  async #reportEnd(c: Context, id: string, reason: EndReason): Promise<void> {
    const { onEnd, store } = this.options;
    if (!onEnd) return;
    try {
      await onEnd(c, reason);
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
