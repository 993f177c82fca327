/**
 * The keep-alive policy: *when* a tab tells the server that the user is still there. Pure logic with
 * an injected clock; the controller does the sending (through the ping client) and the listening.
 *
 * Rules:
 * - only news is sent: a ping leaves only when the user was active since the last one carried
 *   activity, so an idle user sends nothing and polling never keeps a session alive;
 * - at most one ping per `interval` across all tabs: the leader tab sends, others send only when no
 *   ping was seen for two intervals (the leader was frozen or discarded);
 * - driven by activity, not by a timer: nothing wakes up while the user is idle;
 * - after a failure (network, 5xx) the next attempt waits, doubling up to 5 minutes, with jitter so
 *   tabs of many users do not retry in step.
 *
 * @module
 */

/** Seconds: the default interval never exceeds this. */
export const MAX_DEFAULT_PING_INTERVAL = 60;
/** Seconds: the longest wait after repeated failures. */
export const MAX_BACKOFF = 300;

/**
 * The interval between keep-alive pings (seconds) that keeps an active user's server session alive:
 * half the warning window (`expireAfter − warnAfter`), at most 60 s, at least 1 s.
 *
 * Why that is safe: while the user is active, the server hears of it at least every `interval`, so its
 * idle deadline never comes closer than `expireAfter − interval`. When the user stops, the last ping
 * may have been up to `interval` before the last activity; the ping that confirms the warning (sent at
 * `warnAfter`) reports the true idle time, and it arrives before the server's deadline as long as
 * `interval < expireAfter − warnAfter`. A `requested` interval longer than that is shortened to it.
 *
 * @example
 * effectivePingInterval(undefined, 840, 900) // 30
 * effectivePingInterval(120, 840, 900)       // 30: a longer one could let the server end an active session
 */
export function effectivePingInterval(requested: number | null | undefined, warnAfter: number, expireAfter: number): number {
  const safe = Math.max(1, (expireAfter - warnAfter) / 2);
  const fallback = Math.min(MAX_DEFAULT_PING_INTERVAL, safe);
  if (requested == null || !(requested > 0) || requested == Infinity) return fallback;
  return Math.min(requested, safe);
}

/** Options of {@link KeepAlive}. */
export interface KeepAliveOptions {
  /** Seconds between pings, see {@link effectivePingInterval}. */
  interval: number;
  /** Wall clock, ms. Default `Date.now`. */
  now?: () => number;
  /** 0 ≤ x < 1, for the backoff's jitter. Default `Math.random`. */
  random?: () => number;
}

/**
 * Decides when a keep-alive ping is due.
 *
 * @example
 * const keepAlive = new KeepAlive({ interval: 30 });
 * if (keepAlive.due(engine.lastActivity, sync.isLeader)) {
 *   keepAlive.sent(engine.lastActivity);
 *   const result = await client.ping(engine.idle);
 *   result.kind == 'unknown' ? keepAlive.failed() : keepAlive.succeeded();
 * }
 */
export class KeepAlive {
  /** Seconds between pings. */
  interval: number;
  /** Wall-clock ms of the latest ping sent by any tab. */
  #lastPingAt = -Infinity;
  /** The newest activity (wall-clock ms) a ping of this tab has carried. */
  #reported = -Infinity;
  #failures = 0;
  #retryAt = -Infinity;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(options: KeepAliveOptions) {
    this.interval = options.interval;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /** Whether this tab should send a ping now, given the last activity seen in any tab. */
  due(lastActivity: number, leader: boolean): boolean {
    const now = this.#now();
    // The clock was set back: the last ping and the backoff's wait are not where they seem, and
    // waiting for the clock to catch up would silence an active user's keep-alive for that long.
    if (now < this.#lastPingAt) this.#lastPingAt = this.#reported = -Infinity;
    if (this.#retryAt - now > MAX_BACKOFF * 1000) this.#retryAt = now;
    if (lastActivity <= this.#reported || now < this.#retryAt) return false;
    return now - this.#lastPingAt >= this.interval * 1000 * (leader ? 1 : 2);
  }

  /** A ping carrying `activity` left this tab now. */
  sent(activity: number): void {
    this.#lastPingAt = this.#now();
    this.#reported = activity;
  }

  /** Another tab sent a ping at `at`. */
  seen(at: number): void {
    this.#lastPingAt = Math.max(this.#lastPingAt, Math.min(at, this.#now()));
  }

  /** The server answered (alive or ended): back to the normal pace. */
  succeeded(): void {
    this.#failures = 0;
    this.#retryAt = -Infinity;
  }

  /**
   * The ping got no answer (network, timeout, 5xx): its news is sent again, but not before a wait
   * that doubles with each failure in a row (`interval`, 2×, 4×… up to {@link MAX_BACKOFF}), less up to
   * half of it at random.
   */
  failed(): void {
    const wait = Math.min(this.interval * 2 ** this.#failures, MAX_BACKOFF);
    this.#failures++;
    this.#retryAt = this.#now() + wait * 1000 * (1 - this.#random() / 2);
    this.#reported = -Infinity;
  }

  /** Ms until the next attempt may leave after failures, 0 when none is waiting. */
  get retryIn(): number {
    return Math.max(0, this.#retryAt - this.#now());
  }
}
