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
import { defaultWarnAfter, type EndReason, type ExpireReason } from '../protocol.js';

/** The three states of a session, in order. */
export type IdleState = 'active' | 'warning' | 'expired';

export type { EndReason, ExpireReason };

/** Where an extension came from: this page's user, activity, a hold, the server, or another tab. */
export type ExtendSource = 'user' | 'activity' | 'hold' | 'server' | 'tab';

/** A timer API; `globalThis` fits, and so does a fake one in tests. Delays in milliseconds. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the engine tells its listeners. `remaining` in seconds. */
export type IdleEngineEvent =
  /** The warning opened, about the end that comes first: `idle` (extendable) or `absolute` (not). */
  | { type: 'warn'; remaining: number; reason: EndReason }
  | { type: 'tick'; remaining: number }
  | { type: 'extend'; remaining: number; source: ExtendSource }
  /** An absolute warning was closed without extending: the session still ends at the absolute limit. */
  | { type: 'dismiss'; remaining: number }
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
   * The last input known when the engine is made (wall-clock ms): another tab's, or the page's
   * (see `pageLastInput`). Default: now. It is what {@link IdleEngine.idle} counts from, so a ping
   * never reports activity that did not happen; the local deadlines count at the earliest from the
   * engine's making, so a new element never opens a warning before it could have said anything.
   */
  lastInput?: number;
  /**
   * The local deadlines count from {@link IdleEngineOptions.lastInput} itself, not from the engine's
   * making at the earliest: for a page with no server to ask (client-only), where the page's last
   * input (at worst its load) is all there is, so re-making the engine (an SPA re-mounting the
   * element) never postpones the warning. Default `false`.
   */
  fromLastInput?: boolean;
  /**
   * Asked before the warning opens and before the session ends, e.g. to ask the server whether
   * another tab or device kept the session alive. Return nothing to go ahead at once, or a promise:
   * while it is pending nothing changes; the confirmer typically calls {@link IdleEngine.rebase} or
   * {@link IdleEngine.expire}. Once it settles (whatever the outcome) the engine looks at the clock
   * again and, if the deadline is still due, goes ahead without asking a second time.
   */
  confirm?: (next: 'warning' | 'expired') => Promise<unknown> | void;
  /**
   * Called with what a listener threw. Listeners are isolated: the others still hear the event and
   * the engine still arms its next timer, so a broken listener never stops the countdown.
   * Default {@link rethrowLater}.
   */
  onListenerError?: (error: unknown) => void;
}

/** Reports an error the way an uncaught one is (console, `window.onerror`), without unwinding the caller. */
export const rethrowLater = (error: unknown): void => {
  queueMicrotask(() => {
    throw error;
  });
};

export const DEFAULT_WARN_AFTER = 540;
export const DEFAULT_EXPIRE_AFTER = 600;

/** Browsers run a longer delay at once; longer waits are done in several steps. */
const MAX_DELAY = 2 ** 31 - 1;
/** A server answer younger than this (ms) is confirmation enough: no second ping for one deadline. */
const CONFIRM_FRESH = 1000;
/**
 * A timer that fires this much (ms) earlier by the wall clock than its delay, plus 0.1 % of the
 * delay, says the clock was set back. Timers never fire early; a wall clock slewed by NTP (at most
 * 0.05 %) drifts less than this.
 */
const STEP_TOLERANCE = 1000;

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
 * Two kinds of knowledge are kept apart, so that neither can corrupt the other:
 * - **the last real input** (this tab's, another tab's, or the user's own "stay signed in"): what a
 *   ping reports as `idle`, never derived from a server answer;
 * - **the deadlines the server set** (`rebase`): when its idle limit and its absolute limit fall, counted
 *   from when the request left, so never later than the server's own.
 *
 * The idle end is the server's as long as no input happened since the request left; input after it is
 * news the server has not heard, and counts from the local `expireAfter`.
 *
 * @example
 * const engine = new IdleEngine({ warnAfter: 840, expireAfter: 900 });
 * engine.subscribe((event) => console.log(event));
 * engine.start();
 * addEventListener('keydown', () => engine.recordActivity(), { passive: true });
 */
export class IdleEngine {
  /** Wall-clock ms of the last real input (or the page's load, or an explicit extend): what `idle` counts from. */
  #lastInput: number;
  /** Wall-clock ms the engine was made: the local deadlines count at the earliest from here. */
  #startedAt: number;
  /** The latest instant read from the clock, to notice it being set back. */
  #lastNow: number;
  /**
   * The adapter's latest input timestamp as last read, so that one input is taken once (and one read
   * before the clock was set back is not taken again later as new).
   */
  #pulled = NaN;
  /** When the armed timer was set, and its delay (ms): one that fires early by the wall clock shows a step back. */
  #armedAt = NaN;
  #armedFor = NaN;
  /** The idle deadline the server set (`idleAt`), for a request that left at `since`; wall-clock ms. */
  #server: { idleAt: number; since: number } | null = null;
  /** Wall-clock ms of the server's absolute deadline, if it told us one. */
  #absoluteAt = Infinity;
  /** The absolute deadline whose warning the user dismissed: it does not open again. */
  #dismissedFor = NaN;
  #warnAfter = DEFAULT_WARN_AFTER;
  #expireAfter = DEFAULT_EXPIRE_AFTER;
  #extendOnActivity = false;
  #state: IdleState = 'active';
  #warningReason: EndReason = 'idle';
  /** When the current warning opened (ms), to tell activity during it from activity before it. */
  #warnedAt = 0;
  /** This tab's own input arrived while the warning was open (with `extendOnActivity`). */
  #inputDuringWarning = false;
  #holds = 0;
  #running = false;
  #timer: unknown;
  #confirming = false;
  #confirmedAt = -Infinity;
  readonly #wallClock: () => number;
  readonly #scheduler: Scheduler;
  readonly #confirm: IdleEngineOptions['confirm'];
  readonly #input: IdleEngineOptions['input'];
  readonly #onListenerError: (error: unknown) => void;
  readonly #listeners = new Set<(event: IdleEngineEvent) => void>();

  constructor(options: IdleEngineOptions = {}) {
    this.#wallClock = options.now ?? Date.now;
    this.#scheduler = options.scheduler ?? globalThis;
    this.#confirm = options.confirm;
    this.#input = options.input;
    this.#onListenerError = options.onListenerError ?? rethrowLater;
    this.#startedAt = this.#lastNow = this.#wallClock();
    const known = options.lastInput;
    this.#lastInput = known !== undefined && Number.isFinite(known) ? Math.min(known, this.#startedAt) : this.#startedAt;
    if (options.fromLastInput) this.#startedAt = this.#lastInput;
    this.configure(options);
  }

  /** `active`, `warning` or `expired`. */
  get state(): IdleState {
    return this.#state;
  }

  /** While the warning is open: what it is about. `idle` can be extended, `absolute` cannot. */
  get warningReason(): EndReason | null {
    return this.#state == 'warning' ? this.#warningReason : null;
  }

  /** The end that comes first unless something changes: `idle` or `absolute`. */
  get nextEnd(): EndReason {
    return this.#absoluteAt <= this.#idleEnd() ? 'absolute' : 'idle';
  }

  /** Wall-clock ms of the last real input (in any tab, the page's load, an explicit extend). Never a server's guess. */
  get lastActivity(): number {
    this.#pull();
    return this.#lastInput;
  }

  /** Wall-clock ms at which the session ends unless there is activity. */
  get expireAt(): number {
    return Math.min(this.#idleEnd(), this.#absoluteAt);
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

  /** Seconds since the last real input; 0 while held. What a ping reports. */
  get idle(): number {
    return this.#holds ? 0 : Math.max(0, (this.#now() - this.lastActivity) / 1000);
  }

  /**
   * Changes durations (seconds) and `extendOnActivity`; a duration given as `undefined`/`null`
   * returns to its default, bad ones fall back as in {@link resolveDurations}. Deadlines stay
   * anchored on the last activity. A warning that is no longer due closes without an `extend`
   * event: nobody extended anything.
   */
  configure(options: Partial<IdleDurations> & { extendOnActivity?: boolean }): void {
    ({ warnAfter: this.#warnAfter, expireAfter: this.#expireAfter } = resolveDurations({
      warnAfter: 'warnAfter' in options ? options.warnAfter : this.#warnAfter,
      expireAfter: 'expireAfter' in options ? options.expireAfter : this.#expireAfter,
    }));
    this.#extendOnActivity = options.extendOnActivity ?? this.#extendOnActivity;
    this.#evaluate(null);
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
   * Notes user input at `at` (wall-clock ms, default now). Only a timestamp write: no timer is
   * touched; the armed timer reads it when it fires. Ignored while the warning is open, unless
   * `extendOnActivity`: then the next countdown tick (within a second) extends an idle warning.
   */
  recordActivity(at: number = this.#now()): void {
    if (!this.#isNews(at)) return;
    if (this.#state == 'active') this.#lastInput = at;
    else if (this.#extendOnActivity && this.#state == 'warning') {
      this.#lastInput = at;
      this.#inputDuringWarning ||= at > this.#warnedAt;
    }
  }

  /**
   * Notes input in another tab of this browser at `at` (wall-clock ms). It counts even while this
   * tab's warning is open: the user is at work elsewhere and cannot see this warning, and the session
   * is theirs, so it must not end. An idle warning that is then no longer due closes as an extension
   * from another tab (`source: 'tab'`); an absolute one stays (input cannot move that limit).
   * `extendOnActivity` is about input behind this tab's own warning, and plays no part here.
   */
  recordActivityElsewhere(at: number): void {
    if (!this.#isNews(at) || this.#state == 'expired') return;
    this.#lastInput = at;
    if (this.#state == 'warning') this.#evaluate('tab');
  }

  /**
   * Input later than what is known, and not in the future: an instant after now was read before
   * the clock was set back, and taking it would give the user the size of the step.
   */
  #isNews(at: number): boolean {
    return at > this.#lastInput && at <= this.#now();
  }

  /**
   * Extends the session from now, closing the warning if it is open. During an absolute warning it
   * only closes it ({@link dismiss}): nothing can extend past the absolute limit. Does nothing once expired.
   */
  extend(source: ExtendSource = 'user'): void {
    if (this.#state == 'expired') return;
    if (this.warningReason == 'absolute') return this.dismiss();
    this.#lastInput = Math.max(this.#lastInput, this.#now());
    this.#toActive(source);
  }

  /**
   * Closes an absolute warning without extending and without counting as activity; it does not
   * open again for the same absolute limit. The countdown to that limit goes on. Does nothing otherwise.
   */
  dismiss(): void {
    if (this.warningReason != 'absolute') return;
    this.#dismissedFor = this.#absoluteAt;
    this.#state = 'active';
    this.#emit({ type: 'dismiss', remaining: this.remaining });
    this.reevaluate();
  }

  /**
   * Keeps the session alive until the returned function is called (e.g. while a video plays or an
   * upload runs): no idle warning, no idle expiry. Holds nest; releasing twice is harmless. The time
   * held counts as activity. A known absolute limit still applies: its warning opens and the session
   * ends there, held or not.
   *
   * @example
   * const release = engine.hold();
   * try { await upload(file); } finally { release(); }
   */
  hold(): () => void {
    let held = true;
    if (!this.#holds++ && this.warningReason == 'idle') this.extend('hold');
    this.reevaluate();
    return () => {
      if (!held || ((held = false), --this.#holds)) return;
      if (this.#state != 'expired') this.#lastInput = Math.max(this.#lastInput, this.#now());
      this.reevaluate();
    };
  }

  /**
   * Re-bases the deadlines on an answer from the server: the session ends `remaining` seconds after
   * `since` (and no later than `absoluteRemaining` seconds after it; `null`: no absolute limit,
   * absent: unchanged). `since` (wall-clock ms, default now, never later than now) is when the
   * request left, so the deadlines are never later than the server's own. Only durations cross
   * between client and server, so an offset between their clocks changes nothing.
   *
   * The last input is not touched: input after `since` is news the server has not heard and still
   * counts. Closes the warning when the server knows of activity elsewhere, opens it (or expires)
   * when the server says time is short.
   */
  rebase(remaining: number, absoluteRemaining?: number | null, since?: number): void {
    if (this.#state == 'expired' || !(remaining >= 0)) return;
    const now = this.#now();
    since ??= now;
    since = Math.min(since, now);
    this.#server = { idleAt: since + remaining * 1000, since };
    if (absoluteRemaining === null) this.#absoluteAt = Infinity;
    else if (absoluteRemaining !== undefined && absoluteRemaining >= 0) this.#absoluteAt = since + absoluteRemaining * 1000;
    this.#confirmedAt = now;
    this.reevaluate();
  }

  /**
   * Looks at the wall clock and puts the state right, then re-arms the one timer. Call it whenever
   * timers may have been late: the page became visible, was restored from the bfcache, got focus,
   * came back online, or the machine woke from sleep.
   */
  reevaluate(): void {
    this.#evaluate('server');
  }

  /** Ends the session now. Timers stop; the state stays `expired` for good. */
  expire(reason: ExpireReason = 'idle'): void {
    if (this.#state == 'expired') return;
    this.#state = 'expired';
    this.#disarm();
    this.#emit({ type: 'expire', reason });
  }

  /**
   * Listens to `warn`, `tick` (once a second while the warning is open), `extend`, `dismiss` and
   * `expire`. Returns the function that removes the listener. A listener that throws is reported
   * through `onListenerError` and stops nothing.
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

  /**
   * The idle deadline: the server's while it knows of every input (and of this engine's start),
   * never while held.
   */
  #idleEnd(): number {
    if (this.#holds) return Infinity;
    const from = Math.max(this.lastActivity, this.#startedAt);
    const local = from + this.#expireAfter * 1000;
    const server = this.#server;
    if (!server) return local;
    return from <= server.since ? server.idleAt : Math.max(local, server.idleAt);
  }

  /**
   * The wall clock, watched for being set back: every instant the engine holds is moved by the
   * step, so the time left stays what it was (never time gained, and the server still decides).
   * A step found by a read of the clock is taken as happening at that read; one found by the timer
   * firing early is measured exactly.
   */
  #now(): number {
    const now = this.#wallClock();
    if (now < this.#lastNow) this.#shift(now - this.#lastNow);
    return (this.#lastNow = now);
  }

  /** Moves every instant held by `ms` (negative: the clock went back). */
  #shift(ms: number): void {
    this.#lastInput += ms;
    this.#startedAt += ms;
    this.#armedAt += ms;
    this.#warnedAt += ms;
    this.#confirmedAt += ms;
    this.#absoluteAt += ms;
    this.#dismissedFor += ms;
    if (this.#server) this.#server = { idleAt: this.#server.idleAt + ms, since: this.#server.since + ms };
  }

  /** Whether the warning for the coming absolute end was dismissed (the server's instant may wobble by a request's latency). */
  #dismissed(): boolean {
    return Math.abs(this.#absoluteAt - this.#dismissedFor) <= 1000;
  }

  /**
   * The state machine's one step. `closedBy`: how an open warning that is no longer due is reported
   * (`server` for a deadline the server moved, `null` for a new configuration: silently).
   */
  #evaluate(closedBy: ExtendSource | null): void {
    this.#disarm();
    if (!this.#running || this.#state == 'expired') return;
    const now = this.#now();
    const end = this.expireAt;
    if (now >= end) return this.#due('expired');
    const warnAt = this.warnAt;
    if (this.#state == 'warning') {
      const idleWarning = this.#warningReason == 'idle';
      if (idleWarning && this.#inputDuringWarning) return this.extend('activity');
      // Only a server answer, another tab's input (or a new configuration) moves the deadline back
      // while the warning is open.
      if (now < warnAt) return this.#close(closedBy);
      if (this.nextEnd != this.#warningReason) {
        // Still due, about the other end (e.g. the server now says the absolute limit comes first):
        // the warning opens again about it. Nothing was extended, so nothing says so.
        this.#state = 'active';
        return this.#evaluate(null);
      }
      this.#emit({ type: 'tick', remaining: this.remaining });
      return this.#arm((end - now) % 1000 || 1000);
    }
    if (now < warnAt) return this.#arm(warnAt - now);
    if (this.nextEnd == 'absolute' && this.#dismissed()) return this.#arm(end - now);
    this.#due('warning');
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
    } else if (next == 'expired') this.expire(this.nextEnd);
    else this.#openWarning(now);
  }

  #openWarning(now: number): void {
    this.#state = 'warning';
    this.#warnedAt = now;
    this.#inputDuringWarning = false;
    this.#warningReason = this.nextEnd;
    this.#emit({ type: 'warn', remaining: this.remaining, reason: this.#warningReason });
    this.reevaluate();
  }

  /** Closes a warning that is no longer due, telling listeners as `closedBy` (silently for `null`). */
  #close(closedBy: ExtendSource | null): void {
    this.#state = 'active';
    if (closedBy) this.#emit({ type: 'extend', remaining: this.remaining, source: closedBy });
    this.reevaluate();
  }

  /** Back to `active`; tells listeners when the warning closed or the user asked. */
  #toActive(source: ExtendSource): void {
    const closed = this.#state == 'warning';
    this.#state = 'active';
    if (closed || source == 'user') this.#emit({ type: 'extend', remaining: this.remaining, source });
    this.reevaluate();
  }

  /** Takes in the adapter's latest input timestamp, once. */
  #pull(): void {
    if (!this.#input) return;
    const at = this.#input();
    if (at == this.#pulled) return;
    this.#pulled = at;
    this.recordActivity(at);
  }

  #arm(ms: number): void {
    if (ms == Infinity) return; // held, with no absolute limit: nothing to wait for
    this.#armedAt = this.#lastNow;
    this.#armedFor = Math.min(ms, MAX_DELAY);
    this.#timer = this.#scheduler.setTimeout(this.#fire, this.#armedFor);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    // A timer never fires early: if the wall clock says it did, the clock was set back meanwhile.
    const early = this.#armedFor - (this.#now() - this.#armedAt);
    if (early > STEP_TOLERANCE + this.#armedFor / 1000) this.#shift(-early);
    this.reevaluate();
  };

  /** Tells every listener; one that throws is reported and stops neither the others nor the timers. */
  #emit(event: IdleEngineEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
