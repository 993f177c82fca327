/**
 * What the server said, as one page remembers it: the durations it set (the attributes were only a
 * first guess), its latest answer (for tabs that open later), and whose session it is. Plus the
 * console lines a page's configuration mistakes deserve, each said once.
 *
 * @module
 */
import { explain } from './explain.js';
import { resolveDurations, type IdleDurations } from '../idle/engine.js';
import type { ServerMessage } from '../browser/tab-sync.js';
import type { SessionTimeoutOptions } from './options.js';

export class ServerWord {
  /** The durations the server set, once one answered. */
  #durations: IdleDurations | null = null;
  /** The latest server answer, for tabs that open later. */
  #last: ServerMessage | null = null;
  #mismatchReported = false;
  readonly #deadPingReported = new Set<number>();
  /**
   * Who the server said is signed in (opaque) when the page first heard: `undefined` until then,
   * `null` for a session with none. An answer for anyone else means the page is not theirs.
   */
  #subject: string | null | undefined;

  /** The durations in force: the server's once it answered, else the configured ones (resolved). */
  durations(options: SessionTimeoutOptions): IdleDurations {
    if (this.#durations) return this.#durations;
    const { warnAfter, expireAfter } = resolveDurations(options);
    return { warnAfter, expireAfter };
  }

  /** Who the page's session belongs to, as first heard (`undefined`: not heard yet). */
  get subject(): string | null | undefined {
    return this.#subject;
  }

  /** The latest server answer heard. */
  get last(): ServerMessage | null {
    return this.#last;
  }

  /**
   * Whether an answer for `subject` is for someone else than the page's user (or for none after
   * the page's): someone signed in over them, or signed them out. The first subject heard is the
   * page's; an absent one is an older element's message: unknown, never a change.
   */
  forSomeoneElse(subject: string | null | undefined): boolean {
    if (subject === undefined) return false;
    if (this.#subject === undefined) this.#subject = subject;
    return this.#subject !== null && subject !== this.#subject;
  }

  /** Remembers the latest answer. */
  heard(message: ServerMessage): void {
    this.#last = message;
  }

  /**
   * Adopts the server's durations; returns them when they changed, else `null`. Says once on the
   * console when the page's own attributes disagree: the page then shows the server's times.
   */
  adopt(expireAfter: number | null | undefined, warnAfter: number | null | undefined, options: SessionTimeoutOptions): IdleDurations | null {
    if (expireAfter == null) return null; // a server that does not say keeps the configured values
    const { warnAfter: w, expireAfter: e } = resolveDurations({ expireAfter, warnAfter });
    const current = this.#durations;
    if (current?.warnAfter == w && current.expireAfter == e) return null;
    const server = (this.#durations = { warnAfter: w, expireAfter: e });
    const configured = resolveDurations(options);
    if ((options.warnAfter != null || options.expireAfter != null) && !this.#mismatchReported &&
        (configured.warnAfter != w || configured.expireAfter != e)) {
      this.#mismatchReported = true;
      explain((messages) => messages.durationsDiffer(server, configured), (line) => console.warn(`<session-timeout> ${line}`));
    }
    return server;
  }

  /**
   * A ping the server answered, but not with the protocol (404, 403, 500, an HTML login page…) is a
   * configuration mistake, not a blip: the session cannot be kept alive from this page. Said once per
   * status on the console. Network errors, timeouts and 502–504 are passing, and stay quiet.
   */
  reportDeadPing(status: number, error: Error): void {
    if (status == 0 || (status >= 502 && status <= 504) || this.#deadPingReported.has(status)) return;
    this.#deadPingReported.add(status);
    explain((messages) => messages.deadPing(error), (line) => console.error(`<session-timeout> ${line}`));
  }
}
