/**
 * Per-session policy: one session's own idle and absolute limits, given at `start(c, { expireAfter,
 * warnAfter, absoluteTimeout })` or `begin(id, { … })`, e.g. five minutes for an administrator, two
 * for a kiosk, beside the handler's fifteen. The store keeps them with the session, so every instance
 * enforces them and the ping reports them, for as long as that session lives.
 *
 * @module
 */
import { defaultWarnAfter } from '../protocol.js';
import { notPositiveSeconds } from './options.js';
import type { SessionPolicy } from './store/contract.js';

export type { SessionPolicy };

/** The per-session limits `start` and `begin` accept, in **seconds** like the handler's options. */
export interface PolicyOptions {
  /** Seconds of inactivity after which this session ends. Default: the handler's `expireAfter`. */
  expireAfter?: number;
  /**
   * Seconds of inactivity after which the browser should warn; below `expireAfter`. Default: the
   * handler's `warnAfter`, or, when `expireAfter` is given here, `max(expireAfter − 60, expireAfter / 2)`.
   */
  warnAfter?: number;
  /** Seconds from the start after which this session ends however active; `null`: none. Default: the handler's. */
  absoluteTimeout?: number | null;
  /**
   * Seconds this session lives with no open page showing it (presence); below its `expireAfter`;
   * `null`: no presence for it. Default: the handler's `closeAfter`.
   */
  closeAfter?: number | null;
}

/** The handler's own limits, as `resolveOptions` keeps them. */
export interface HandlerLimits {
  /** Milliseconds. */
  expireAfter: number;
  /** Milliseconds; `null` for none. */
  absoluteTimeout: number | null;
  /** Milliseconds. */
  touchAfter: number;
  warnAfterSeconds: number;
  /** Milliseconds; `null`: no presence. */
  closeAfter: number | null;
}

/**
 * Checks the per-session limits of `start`/`begin` and returns them in milliseconds, every field
 * filled from the handler's where not given; `undefined` when none was given (the session then
 * follows the handler's limits, as before). Called before anything is stored.
 *
 * @param call - how the caller is named in errors, e.g. `'start(c, { … })'`
 * @throws `TypeError` naming the option: not a finite number of seconds above 0, `warnAfter` not
 *   below `expireAfter`, or `expireAfter` not above the handler's `touchAfter`
 */
export function resolvePolicy(given: PolicyOptions, handler: HandlerLimits, call: string): SessionPolicy | undefined {
  const { expireAfter, warnAfter, absoluteTimeout, closeAfter } = given;
  if (expireAfter === undefined && warnAfter === undefined && absoluteTimeout === undefined && closeAfter === undefined) return undefined;
  const fail = (message: string): never => {
    throw new TypeError(`sessionTimeout: ${call}: ${message}`);
  };
  const seconds = (name: string, value: unknown): number => {
    const problem = notPositiveSeconds(name, value);
    return problem ? fail(problem) : (value as number);
  };

  const expire = expireAfter === undefined ? handler.expireAfter / 1000 : seconds('expireAfter', expireAfter);
  const warn =
    warnAfter !== undefined ? seconds('warnAfter', warnAfter) : expireAfter !== undefined ? defaultWarnAfter(expire) : handler.warnAfterSeconds;
  if (warn >= expire) fail(`warnAfter (${warn} s) must be below expireAfter (${expire} s)`);
  if (expire * 1000 <= handler.touchAfter) {
    fail(`expireAfter (${expire} s) must be above the handler's touchAfter (${handler.touchAfter / 1000} s), or the session ends while in use`);
  }
  const absolute =
    absoluteTimeout === undefined
      ? handler.absoluteTimeout
      : absoluteTimeout === null
        ? null
        : seconds('absoluteTimeout', absoluteTimeout) * 1000;
  const close = closeAfter === undefined ? handler.closeAfter : closeAfter === null ? null : seconds('closeAfter', closeAfter) * 1000;
  if (close !== null && close >= expire * 1000) {
    fail(`closeAfter (${close / 1000} s${closeAfter === undefined ? ", the handler's" : ''}) must be below expireAfter (${expire} s)`);
  }
  // Without presence anywhere, the policy says nothing of it (as policies stored before presence).
  const presence = close === null && closeAfter === undefined ? {} : { closeAfter: close };
  return { expireAfter: expire * 1000, warnAfter: warn * 1000, absoluteTimeout: absolute, ...presence };
}
