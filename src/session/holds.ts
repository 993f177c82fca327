/**
 * Holds: "keep the session alive until I say" (a video playing, an upload running), nested, mapped
 * onto one hold of whichever engine runs (so they survive a new engine). While held, nobody's input
 * says the user is there, so once per keep-alive interval the hold counts as input and takes the
 * same path as input (the other tabs, the keep-alive policy, backoff, online, leader).
 *
 * @module
 */
import type { IdleEngine, Scheduler } from '../idle/engine.js';
import { OneTimer } from './timer.js';

/** What holds need from the session around them. */
export interface HoldsHooks {
  /** Whether re-pings may run now (the session runs and has not ended). */
  live(): boolean;
  /** Seconds between two re-pings: the keep-alive interval. */
  interval(): number;
  /** The hold counts as input now. */
  input(): void;
  /** The last hold was released: the deadlines are back. */
  released(): void;
}

export class Holds {
  #count = 0;
  #release?: () => void;
  readonly #timer: OneTimer;
  readonly #hooks: HoldsHooks;

  constructor(scheduler: () => Scheduler, hooks: HoldsHooks) {
    this.#timer = new OneTimer(scheduler);
    this.#hooks = hooks;
  }

  /** Whether any hold is in force. */
  get held(): boolean {
    return this.#count > 0;
  }

  /** Holds `engine` (may be `null` while disabled) until the returned function is called; releasing twice is harmless. */
  hold(engine: IdleEngine | null): () => void {
    let held = true;
    if (!this.#count++) {
      this.#release = engine?.hold();
      this.arm();
    }
    return () => {
      if (held && ((held = false), !--this.#count)) {
        this.#release?.();
        this.disarm();
        this.#hooks.released();
      }
    };
  }

  /** A new engine: held too while any hold is in force. */
  adopt(engine: IdleEngine): void {
    if (this.#count) this.#release = engine.hold();
  }

  /** Starts the re-pings while held and live (again after a restart). */
  arm(): void {
    this.disarm();
    if (!this.#count || !this.#hooks.live()) return;
    this.#timer.arm(this.#hooks.interval() * 1000, () => {
      this.#hooks.input();
      this.arm();
    });
  }

  disarm(): void {
    this.#timer.disarm();
  }
}
