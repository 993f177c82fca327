/**
 * Asking around: a tab that opens asks the other tabs what the server last said (and when the user
 * was last active), and asks the server itself (one ping) only when no tab answers in time, so it
 * warns on time even when its attributes are wrong. Another tab's ping in flight is waited for.
 *
 * @module
 */
import type { Scheduler } from '../idle/engine.js';
import { OneTimer } from './timer.js';

/** Ms a new tab waits for another tab to say what the server last said, before asking the server. */
export const ASK_TABS_WAIT = 250;
/** Ms a new tab waits for the answer to a ping another tab just sent, before asking itself. */
export const ASK_TABS_PATIENCE = 10_000;

export class AskAround {
  readonly #timer: OneTimer;
  readonly #askServer: () => void;

  /** @param askServer Sends the one ping, when nobody answered in time. */
  constructor(scheduler: () => Scheduler, askServer: () => void) {
    this.#timer = new OneTimer(scheduler);
    this.#askServer = askServer;
  }

  /** Asks the tabs (`hello`, posted by `post`); with a server, waits {@link ASK_TABS_WAIT} for one of them. */
  start(post: (message: { type: 'hello' }) => void, hasServer: boolean): void {
    post({ type: 'hello' });
    if (hasServer) this.#wait(ASK_TABS_WAIT);
  }

  /** Another tab sent a ping: while still asking, its answer will come on the channel. */
  anotherTabPinged(): void {
    if (this.#timer.armed) this.#wait(ASK_TABS_PATIENCE);
  }

  /** A server answer arrived (from any tab), or the session stopped: nothing left to ask. */
  stop(): void {
    this.#timer.disarm();
  }

  #wait(ms: number): void {
    this.#timer.arm(ms, this.#askServer);
  }
}
