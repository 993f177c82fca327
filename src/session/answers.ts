/**
 * Which server answers a page reports as answered pings (`onPing`): each answer once in every tab,
 * whether this tab's own ping got it or another tab relayed it, and no relayed answer to a ping that
 * left before this page's session began. The last answer a tab hears when it opens (the other tabs repeat it, one
 * copy each) is old news, not a ping answered now; and one answer reaches a tab more than once when
 * several tabs repeat it to a newcomer.
 *
 * @module
 */
import type { ServerMessage } from '../browser/tab-sync.js';

/** How many recent answers are remembered: only the latest can come again (each tab repeats its last). */
const REMEMBERED = 8;

export class AnsweredPings {
  #since = -Infinity;
  readonly #seen: string[] = [];

  /** The page's session begins (again) at `at`, wall-clock ms: answers to pings that left before are old news. */
  begin(at: number): void {
    this.#since = at;
  }

  /**
   * Whether `answer` is news here: to this page's `own` ping, always; relayed, when not reported
   * before and for a ping that left after the session began (one that left as it began is as old as
   * one before).
   */
  fresh(answer: ServerMessage, own: boolean): boolean {
    if (!own && answer.at <= this.#since) return false;
    // One ping, one answer: the instant it left and what the server said tell it from any other.
    const key = `${answer.at} ${answer.remaining} ${answer.absoluteRemaining}`;
    // This page's own answers are each one (its pings are numbered); only a copy from the channel may repeat one.
    if (!own && this.#seen.includes(key)) return false;
    this.#seen.push(key);
    if (this.#seen.length > REMEMBERED) this.#seen.shift();
    return true;
  }
}
