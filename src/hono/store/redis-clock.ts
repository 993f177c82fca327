/**
 * Redis' clock as one process reads it without asking each time: a `TIME` reading carried forward by
 * the monotonic clock (`performance.now()`, which no wall-clock step moves). Every instance puts its
 * times on this one clock, so deadlines do not depend on how far apart the app servers' clocks are,
 * nor on a server's clock being stepped while it runs.
 */

/**
 * How far (ms) this process's wall clock may move against Redis' before the offset follows it: a
 * reading's error (the reply's travel time, a busy event loop) stays well below it, a clock step or
 * a drift beyond it is followed. Deadlines are on Redis' clock to within this margin.
 */
export const CLOCK_MARGIN = 1000;
/** Read Redis' time again this often (ms), so the monotonic clock's slow drift never adds up. */
export const CLOCK_READ_EVERY = 5 * 60_000;

export class RedisClock {
  /** Redis' time (ms) at the reading... */
  #redisAt: number;
  /** ...and the monotonic clock when its reply arrived. */
  #readAt: number;
  /** Integer ms from this process's wall clock to Redis'. */
  #offset: number;
  /** How long (ms) the reading's reply took: Redis ran it somewhere in that time, so it is off by up to this. */
  #roundTrip: number;

  /**
   * @param redisTime - Redis' `TIME` in ms
   * @param readAt - `performance.now()` when the reply arrived: the reading is then a low estimate,
   *   never ahead of Redis, so a valid-until instant built on it never falls after the caller stops waiting
   * @param roundTrip - ms from sending the reading's command to its reply: the reading's uncertainty
   */
  constructor(redisTime: number, readAt: number = performance.now(), roundTrip = 0) {
    this.#redisAt = redisTime;
    this.#readAt = readAt;
    this.#roundTrip = roundTrip;
    // A wall clock within the margin of Redis' is taken as it is: times are then stored as given.
    this.#offset = 0;
    this.offset();
  }

  /** Redis' time now (ms), estimated low. */
  now(): number {
    return this.#redisAt + (performance.now() - this.#readAt);
  }

  /**
   * What to add (ms, a whole number) to a time of this process's wall clock to put it on Redis'. Kept
   * while it holds to within {@link CLOCK_MARGIN}, so times handed in come back exactly as given (an
   * injected clock in tests included); changed when this wall clock is, or was stepped or drifted,
   * further from Redis'. Starts at 0: a wall clock within the margin is used as it is. The margin grows by
   * the reading's round trip: a reply that took long (a loaded machine) reads Redis as behind by up to
   * that much, which is no sign of a clock being off.
   */
  offset(): number {
    const current = this.now() - Date.now();
    if (Math.abs(current - this.#offset) > CLOCK_MARGIN + this.#roundTrip) this.#offset = Math.round(current);
    return this.#offset;
  }

  /** Whether the reading is old enough to read Redis' time again. */
  get stale(): boolean {
    return performance.now() - this.#readAt > CLOCK_READ_EVERY;
  }

  /** A new reading; the offset stays unless it moved beyond the margin. */
  read(redisTime: number, readAt: number = performance.now(), roundTrip = 0): void {
    this.#redisAt = redisTime;
    this.#readAt = readAt;
    this.#roundTrip = roundTrip;
    this.offset();
  }
}
