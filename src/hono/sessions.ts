import type { Context } from 'hono';
import { SessionCookie } from './cookie.js';
import type { ResolvedOptions } from './options.js';
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

  /** This request's session id, if it presents one; synchronous on the common path. */
  readId(c: Context): MaybePromise<string | undefined | null> {
    return this.cookie ? this.cookie.read(c) : this.options.sessionId!(c);
  }

  /**
   * The one store round trip of a request. `activity` is when the user was last active by this
   * request's account (ms), or `null` to only check.
   */
  touch(id: string, now: number, activity: number | null): Promise<TouchResult> {
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
   * Puts away a session the store found ended: tells the app, deletes the entry (the store already
   * answered `ended`, so a failed delete does not change the answer) and clears our cookie.
   */
  async end(c: Context, id: string, reason: EndReason): Promise<void> {
    const o = this.options;
    if (o.onEnd) await o.onEnd(c, reason);
    try {
      await o.store.delete(id);
    } catch (error) {
      o.onStoreError(error, c);
    }
    this.cookie?.clear(c);
  }
}
