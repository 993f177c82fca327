/**
 * The idle engine: when is the user idle, when does the warning open, when does the session end.
 *
 * Pure logic, no DOM and no Lit: time comes in through an injected `now()` and an injected
 * scheduler, so it runs the same in a browser, in a worker, in Node and in a test with a fake clock.
 *
 * Units: every **duration** (`warnAfter`, `expireAfter`, `remaining`, `idle`) is in **seconds**,
 * fractions allowed, as on the element and on the wire; every **instant** (`now()`, `lastActivity`,
 * `warnAt`, `expireAt`) is in **milliseconds** of the wall clock, like `Date.now()`.
 *
 * Timers: the engine keeps at most one timer armed. While the session is active it is armed for
 * the warning deadline only, and activity never touches it: activity is a single timestamp write
 * (by the activity adapter, read lazily through the `input` option, or through
 * {@link IdleEngine.recordActivity}). When the timer fires and finds that activity moved the deadline, it re-arms
 * for the new one, so continuous activity costs one wake-up per `warnAfter`, and a user who stays idle
 * after the timer was armed costs none until the warning. Only while the warning is open does it tick,
 * once per whole second of the deadline, recomputing the remaining time from the clock (never a counter).
 *
 * @module
 */
import { defaultWarnAfter, type ExpireReason } from '../protocol.js';

/** The three states of a session, in order. */
export type IdleState = 'active' | 'warning' | 'expired';

export type { ExpireReason };

/** Where an extension came from: this page's user, activity, a hold, the server, or another tab. */
export type ExtendSource = 'user' | 'activity' | 'hold' | 'server' | 'tab';

/** A timer API; `globalThis` fits, and so does a fake one in tests. Delays in milliseconds. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the engine tells its listeners. `remaining` in seconds. */
export type IdleEngineEvent =
  | { type: 'warn'; remaining: number }
  | { type: 'tick'; remaining: number }
  | { type: 'extend'; remaining: number; source: ExtendSource }
  | { type: 'expire'; reason: ExpireReason };

/** Durations in seconds. */
export interface IdleDurations {
  /** Seconds of inactivity after which the warning opens. Default 540. */
  warnAfter: number;
  /** Seconds of inactivity after which the session ends. Default 600. */
  expireAfter: number;
}

/** Options of {@link IdleEngine}. */
export interface IdleEngineOptions extends Partial<IdleDurations> {
  /** When present, activity while the warning is open extends the session. Default `false`. */
  extendOnActivity?: boolean;
  /**
   * The latest user input (wall-clock ms), read lazily when a deadline is looked at: the adapter that
   * listens to input only writes a timestamp, the engine never runs per event.
   */
  input?: () => number;
  /** The wall clock in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** The timer API. Default `globalThis`. */
  scheduler?: Scheduler;
  /**
   * Asked before the warning opens and before the session ends, e.g. to ask the server whether
   * another tab or device kept the session alive. Return nothing to go ahead at once, or a promise:
   * while it is pending nothing changes; the confirmer typically calls {@link IdleEngine.rebase} or
   * {@link IdleEngine.expire}. Once it settles (whatever the outcome) the engine looks at the clock
   * again and, if the deadline is still due, goes ahead without asking a second time.
   */
  confirm?: (next: 'warning' | 'expired') => Promise<unknown> | void;
}

export const DEFAULT_WARN_AFTER = 540;
export const DEFAULT_EXPIRE_AFTER = 600;

/** Browsers run a longer delay at once; longer waits are done in several steps. */
const MAX_DELAY = 2 ** 31 - 1;
/** A server answer younger than this (ms) is confirmation enough: no second ping for one deadline. */
const CONFIRM_FRESH = 1000;

const positive = (value: unknown): value is number => (value as number) > 0 && (value as number) < Infinity;

/**
 * Checks durations and replaces bad ones by the documented fallbacks, without ever throwing:
 *
 * - `expireAfter` that is not a positive finite number → 600;
 * - `warnAfter` that is not a positive finite number, or not below `expireAfter` → 60 s before
 *   expiry (at half of `expireAfter` when that is under 120 s). 540 for the default 600.
 *
 * `undefined`/`null` mean "not given" and fall back silently; every other fallback is listed in
 * `problems` under the option's name, for the caller to report once.
 *
 * @example
 * resolveDurations({ warnAfter: 900, expireAfter: 600 })
 * // → { warnAfter: 540, expireAfter: 600, problems: ['warnAfter'] }
 */
export function resolveDurations(input: { warnAfter?: unknown; expireAfter?: unknown }):
  IdleDurations & { problems: Array<keyof IdleDurations> } {
  const problems: Array<keyof IdleDurations> = [];
  let warnAfter = input.warnAfter as number;
  let expireAfter = input.expireAfter as number;
  if (!positive(expireAfter)) {
    if (expireAfter != null) problems.push('expireAfter');
    expireAfter = DEFAULT_EXPIRE_AFTER;
  }
  if (!positive(warnAfter) || warnAfter >= expireAfter) {
    if (warnAfter != null) problems.push('warnAfter');
    warnAfter = defaultWarnAfter(expireAfter);
  }
  return { warnAfter, expireAfter, problems };
}

/**
 * Tracks inactivity against two deadlines and moves a session from `active` to `warning` to `expired`.
 *
 * @example
 * const engine = new IdleEngine({ warnAfter: 840, expireAfter: 900 });
 * engine.subscribe((event) => console.log(event));
 * engine.start();
 * addEventListener('keydown', () => engine.recordActivity(), { passive: true });
 */
export class IdleEngine {
  /** Wall-clock ms of the last activity that counts. */
  #last: number;
  /** Wall-clock ms of the server's absolute deadline, if it told us one. */
  #absoluteAt = Infinity;
  #warnAfter = DEFAULT_WARN_AFTER;
  #expireAfter = DEFAULT_EXPIRE_AFTER;
  #extendOnActivity = false;
  #state: IdleState = 'active';
  /** When the current warning opened (ms), to tell activity during it from activity before it. */
  #warnedAt = 0;
  #holds = 0;
  #running = false;
  #timer: unknown;
  #confirming = false;
  #confirmedAt = -Infinity;
  readonly #now: () => number;
  readonly #scheduler: Scheduler;
  readonly #confirm: IdleEngineOptions['confirm'];
  readonly #input: IdleEngineOptions['input'];
  readonly #listeners = new Set<(event: IdleEngineEvent) => void>();

  constructor(options: IdleEngineOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#scheduler = options.scheduler ?? globalThis;
    this.#confirm = options.confirm;
    this.#input = options.input;
    this.configure(options);
    this.#last = this.#now();
  }

  /** `active`, `warning` or `expired`. */
  get state(): IdleState {
    return this.#state;
  }

  /** Wall-clock ms of the last activity that counts (start, input, extend, server answer). */
  get lastActivity(): number {
    this.#pull();
    return this.#last;
  }

  /** Wall-clock ms at which the session ends unless there is activity. */
  get expireAt(): number {
    this.#pull();
    return Math.min(this.#last + this.#expireAfter * 1000, this.#absoluteAt);
  }

  /** Wall-clock ms at which the warning opens: the configured lead time before {@link expireAt}. */
  get warnAt(): number {
    return this.expireAt - (this.#expireAfter - this.#warnAfter) * 1000;
  }

  /** Seconds until the session ends, from the clock; 0 once expired. */
  get remaining(): number {
    return this.#state == 'expired' ? 0 : Math.max(0, (this.expireAt - this.#now()) / 1000);
  }

  /** Seconds of inactivity after which the warning opens, as resolved (bad values fall back). */
  get warnAfter(): number {
    return this.#warnAfter;
  }

  /** Seconds of inactivity after which the session ends, as resolved. */
  get expireAfter(): number {
    return this.#expireAfter;
  }

  /** Seconds since the last activity that counts; 0 while held. What a keep-alive ping reports. */
  get idle(): number {
    return this.#holds ? 0 : Math.max(0, (this.#now() - this.lastActivity) / 1000);
  }

  /**
   * Changes durations (seconds) and `extendOnActivity`; a duration given as `undefined`/`null`
   * returns to its default, bad ones fall back as in {@link resolveDurations}. Deadlines stay
   * anchored on the last activity.
   */
  configure(options: Partial<IdleDurations> & { extendOnActivity?: boolean }): void {
    ({ warnAfter: this.#warnAfter, expireAfter: this.#expireAfter } = resolveDurations({
      warnAfter: 'warnAfter' in options ? options.warnAfter : this.#warnAfter,
      expireAfter: 'expireAfter' in options ? options.expireAfter : this.#expireAfter,
    }));
    this.#extendOnActivity = options.extendOnActivity ?? this.#extendOnActivity;
    this.reevaluate();
  }

  /** Starts watching the deadlines. Idempotent; a stopped engine keeps its state and its last activity. */
  start(): void {
    this.#running = true;
    this.reevaluate();
  }

  /** Stops every timer; {@link start} picks up again from the clock. */
  stop(): void {
    this.#running = false;
    this.#disarm();
  }

  /**
   * Notes user activity at `at` (wall-clock ms, default now). Only a timestamp write: no timer is
   * touched; the armed timer reads it when it fires. Ignored while the warning is open, unless
   * `extendOnActivity`: then the next countdown tick (within a second) extends.
   */
  recordActivity(at: number = this.#now()): void {
    if (at > this.#last && (this.#state == 'active' || (this.#extendOnActivity && this.#state == 'warning'))) this.#last = at;
  }

  /** Extends the session from now, closing the warning if it is open. Does nothing once expired. */
  extend(source: ExtendSource = 'user'): void {
    if (this.#state == 'expired') return;
    this.#last = Math.max(this.#last, this.#now());
    this.#toActive(source);
  }

  /**
   * Keeps the session alive until the returned function is called (e.g. while a video plays or an
   * upload runs): no warning, no expiry. Holds nest; releasing twice is harmless. The time held
   * counts as activity.
   *
   * @example
   * const release = engine.hold();
   * try { await upload(file); } finally { release(); }
   */
  hold(): () => void {
    let held = true;
    if (!this.#holds++ && this.#state == 'warning') this.extend('hold');
    this.#disarm();
    return () => {
      if (held && ((held = false), !--this.#holds)) this.extend('hold');
    };
  }

  /**
   * Re-bases the deadlines on an answer from the server: the session ends in `remaining` seconds
   * (and, if given, no later than `absoluteRemaining` seconds). Only durations cross between client and
   * server, so an offset between their clocks changes nothing. Closes the warning when the server
   * knows of activity elsewhere, opens it (or expires) when the server says time is short.
   *
   * `since` (wall-clock ms, default now) is when the request left: activity recorded after it is
   * news to the server and still counts.
   */
  rebase(remaining: number, absoluteRemaining?: number | null, since: number = this.#now()): void {
    if (this.#state == 'expired' || !(remaining >= 0)) return;
    this.#pull();
    const now = this.#now();
    const derived = now - (this.#expireAfter - remaining) * 1000;
    this.#last = this.#last > since ? Math.max(this.#last, derived) : derived;
    if (absoluteRemaining != null && absoluteRemaining >= 0) this.#absoluteAt = now + absoluteRemaining * 1000;
    this.#confirmedAt = now;
    this.#warnedAt = this.#last; // what moved the deadline was the server, not activity here
    this.reevaluate();
  }

  /**
   * Looks at the wall clock and puts the state right, then re-arms the one timer. Call it whenever
   * timers may have been late: the page became visible, was restored from the bfcache, got focus,
   * came back online, or the machine woke from sleep.
   */
  reevaluate(): void {
    this.#disarm();
    if (!this.#running || this.#holds || this.#state == 'expired') return;
    const now = this.#now();
    if (now >= this.expireAt) return this.#due('expired');
    if (this.#state == 'warning') {
      if (this.#extendOnActivity && this.#last > this.#warnedAt) return this.extend('activity');
      // Only a server answer moves the deadline back while the warning is open.
      if (now < this.warnAt) return this.#toActive('server');
      this.#emit({ type: 'tick', remaining: this.remaining });
      return this.#arm((this.expireAt - now) % 1000 || 1000);
    }
    if (now >= this.warnAt) return this.#due('warning');
    this.#arm(this.warnAt - now);
  }

  /** Ends the session now. Timers stop; the state stays `expired` for good. */
  expire(reason: ExpireReason = 'idle'): void {
    if (this.#state == 'expired') return;
    this.#state = 'expired';
    this.#disarm();
    this.#emit({ type: 'expire', reason });
  }

  /**
   * Listens to `warn`, `tick` (once a second while the warning is open), `extend` and `expire`.
   * Returns the function that removes the listener.
   */
  subscribe(listener: (event: IdleEngineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops for good and forgets every listener. */
  dispose(): void {
    this.stop();
    this.#listeners.clear();
  }

  #due(next: 'warning' | 'expired'): void {
    const now = this.#now();
    if (this.#confirming) return;
    const pending = now - this.#confirmedAt > CONFIRM_FRESH && this.#confirm?.(next);
    if (pending) {
      this.#confirming = true;
      const settled = () => {
        this.#confirming = false;
        this.#confirmedAt = this.#now();
        this.reevaluate();
      };
      pending.then(settled, settled);
    } else if (next == 'expired') this.expire(this.#absoluteAt <= now ? 'absolute' : 'idle');
    else {
      this.#state = next;
      this.#warnedAt = now;
      this.#emit({ type: 'warn', remaining: this.remaining });
      this.reevaluate();
    }
  }

  /** Back to `active`; tells listeners when the warning closed or the user asked. */
  #toActive(source: ExtendSource): void {
    const closed = this.#state == 'warning';
    this.#state = 'active';
    if (closed || source == 'user') this.#emit({ type: 'extend', remaining: this.remaining, source });
    this.reevaluate();
  }

  /** Takes in the adapter's latest input timestamp. */
  #pull(): void {
    if (this.#input) this.recordActivity(this.#input());
  }

  #arm(ms: number): void {
    this.#timer = this.#scheduler.setTimeout(this.#fire, Math.min(ms, MAX_DELAY));
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.reevaluate();
  };

  #emit(event: IdleEngineEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
