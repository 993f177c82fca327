/**
 * One pending timeout on an injectable scheduler: armed again replaces it, disarmed is idempotent.
 * The coordinator's waits (asking the tabs, a hold's re-pings) are each one of these.
 *
 * @module
 */
import type { Scheduler } from '../idle/engine.js';

export class OneTimer {
  #handle: unknown;
  readonly #scheduler: () => Scheduler;

  /** @param scheduler Read at each arming: the options may change the scheduler between two. */
  constructor(scheduler: () => Scheduler) {
    this.#scheduler = scheduler;
  }

  /** Whether a timeout is pending. */
  get armed(): boolean {
    return this.#handle !== undefined;
  }

  /** Calls `callback` in `ms`, instead of what was pending. */
  arm(ms: number, callback: () => void): void {
    this.disarm();
    this.#handle = this.#scheduler().setTimeout(() => {
      this.#handle = undefined;
      callback();
    }, ms);
  }

  disarm(): void {
    if (this.#handle !== undefined) this.#scheduler().clearTimeout(this.#handle);
    this.#handle = undefined;
  }
}
