/**
 * Resume: after the end, a page that keeps the user's work waits for a session to start again.
 * Whenever one may have (another tab says something, the page is looked at again: visible, focused),
 * the server is asked, at most one question at a time. Same subject as before the end → resumed;
 * another subject, or none → refused (the page must leave unseen). Still signed out → keep waiting.
 *
 * @module
 */
import type { PingAlive, PingClient } from '../browser/ping-client.js';

/** What waiting to resume needs from the session around it. */
export interface ResumeHooks {
  /** The current ping client (`null`: client-only or stopped); an answer to an older one is ignored. */
  client(): PingClient | null;
  /** Seconds since the last input, for the question's ping. */
  idle(): number;
  /** The wall clock, ms. */
  now(): number;
  /** The same user's session started again: `answer` to a ping that left at `since`. */
  resumed(answer: PingAlive, since: number): void;
  /** Someone else's session, or one with no subject: the page is not theirs any more. */
  refused(): void;
}

export class ResumeWatch {
  /** While an ended page keeps its work: the subject it may resume for (`null`: none, cannot resume). */
  #for: string | null | undefined;
  #check: Promise<void> | null = null;
  /** A moment to ask came while a question was out. */
  #askAgain = false;
  readonly #hooks: ResumeHooks;

  constructor(hooks: ResumeHooks) {
    this.#hooks = hooks;
  }

  /** Whether the page waits to resume. */
  get waiting(): boolean {
    return this.#for !== undefined;
  }

  /** Starts waiting to resume for `subject` (what the page's session was); `listen`: the page runs now. */
  start(subject: string | null, listen: boolean): void {
    this.#for = subject;
    this.listen(listen);
  }

  /** Stops waiting for good. */
  stop(): void {
    this.#for = undefined;
    this.listen(false);
  }

  /** The moments a session may have started again elsewhere: the page is looked at again. */
  listen(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('focus', this.check);
    document[method]('visibilitychange', this.check);
  }

  /**
   * Asks the server whether a session started again, at most one question at a time. A moment that
   * comes while a question is out is kept, not dropped: that question may have left before the user
   * signed in again elsewhere, so the server is asked once more when it answers "not yet".
   */
  readonly check = (): void => {
    const hooks = this.#hooks;
    const client = hooks.client();
    if (this.#for === undefined || !client || document.visibilityState == 'hidden') return;
    if (this.#check) {
      this.#askAgain = true;
      return;
    }
    const idle = hooks.idle();
    const since = hooks.now();
    this.#askAgain = false;
    this.#check = client.ping(idle).then((result) => {
      this.#check = null;
      if (client != hooks.client() || this.#for === undefined) return;
      if (result.kind != 'alive') {
        if (this.#askAgain) this.check();
        return;
      }
      const same = result.subject !== null && result.subject === this.#for;
      this.stop();
      if (same) hooks.resumed(result, since);
      else hooks.refused();
    });
  };
}
