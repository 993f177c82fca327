import type { Scheduler } from '../../src/idle/engine.js';

/**
 * A deterministic clock and scheduler for the engine: time moves only when the test says so, and every
 * call is counted. `advance` fires due timers in order; `sleep` moves the clock without firing
 * anything (a laptop lid closed, a frozen tab).
 */
export class FakeTime implements Scheduler {
  now = 1_700_000_000_000;
  setCalls = 0;
  clearCalls = 0;
  fired = 0;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();
  #nextId = 1;

  readonly clock = (): number => this.now;

  setTimeout = (callback: () => void, ms: number): number => {
    this.setCalls++;
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.now + Math.max(0, ms), callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.clearCalls++;
    this.#timers.delete(handle as number);
  };

  /** Pending timers. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves the clock `ms` forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.#timers.delete(next[0]);
      this.now = Math.max(this.now, next[1].at);
      this.fired++;
      next[1].callback();
    }
    this.now = end;
  }

  /**
   * Sets the wall clock `ms` forward or (negative) back with no time passing, as a user or NTP does:
   * pending timers still fire after their delay, so they move with it.
   */
  step(ms: number): void {
    this.now += ms;
    for (const timer of this.#timers.values()) timer.at += ms;
  }

  /** Moves the clock without firing anything. */
  sleep(ms: number): void {
    this.now += ms;
  }
}

/** Lets promise callbacks (e.g. a confirmation) run. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
