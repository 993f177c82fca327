/**
 * Presence (opt-in on the server, `closeAfter`): while a page of the session is open, the server
 * hears of it often enough that the session does not end `closed`; when the last one goes away, it
 * is told at once.
 *
 * - **Pace.** The leader tab sends a presence ping a third of `closeAfter` after the last ping *any*
 *   tab sent (every ping is presence: a keep-alive while the user types costs nothing extra), also
 *   while the user is idle and while the warning is open. Another tab waits twice as long: it pings
 *   only when the leader went quiet (frozen, crashed). At most 3 pings per `closeAfter` per browser,
 *   whatever the number of tabs. A presence ping reports the true idle time: it is never activity.
 * - **Going away.** `pagehide` not into the back/forward cache: a closing beacon (the server shortens
 *   presence to a short grace) and a `closing` message to the other tabs. The leader among them
 *   answers with a presence ping, {@link closingAnswerDelay} later so that it reaches the server after
 *   the beacon (answered first, the beacon would shorten presence again); a closing leader hands the
 *   lock on, so when no leader is there yet, a tab answers once more that long later unless someone did.
 * - **Back from the back/forward cache**: the coordinator pings at once (the page may have been frozen
 *   past `closeAfter`; a `closed` answer ends it).
 *
 * Deadlines from the wall clock at each wake-up, never counters; pure timing on an injected clock and
 * scheduler, the page's events through an injected target.
 *
 * @module
 */
import type { Scheduler } from '../idle/engine.js';
import { OneTimer } from './timer.js';

/**
 * Up to this fraction of the wait is added to it at random. Where Web Locks are missing (a plain-http
 * page) every tab leads, and tabs that heard the same ping would all wake at the same instant: the
 * first to wake pings and tells the others, who then find it done.
 */
export const PRESENCE_JITTER = 0.1;

/** Ms a remaining tab waits before answering another tab's `closing`, at most (see {@link closingAnswerDelay}). */
export const CLOSING_ANSWER_DELAY = 1000;

/**
 * Ms between another tab's `closing` and the answer: long enough for its beacon to reach the server
 * first, and well inside the server's grace (5 s, or `closeAfter` when shorter): a quarter of
 * `closeAfter` at most.
 */
export const closingAnswerDelay = (closeAfter: number): number => Math.min(CLOSING_ANSWER_DELAY, (closeAfter * 1000) / 4);

/** What presence needs from the session around it. */
export interface PresenceHooks {
  /** The wall clock, ms. */
  now(): number;
  scheduler(): Scheduler;
  /** Whether this tab leads (sends the pings). */
  leader(): boolean;
  /** Whether the session runs on this page, with a server, and has not ended. */
  live(): boolean;
  /** Sends a presence ping reporting the true idle time; its answer is applied like any other. */
  ping(): void;
  /** Sends the closing beacon `{"idle": s, "closing": true}`; whether the browser queued it. */
  beacon(): boolean;
  /** Tells the other tabs this page goes away. */
  post(message: { type: 'closing'; at: number }): void;
  /** With `debug`: one console line. */
  debug(what: string, detail?: unknown): void;
  /** 0 ≤ x < 1, for the jitter. Default `Math.random`. */
  random?(): number;
}

export class Presence {
  /** The server's `closeAfter` (seconds) from its latest answer; `null`: presence is off. */
  #closeAfter: number | null = null;
  /** Wall-clock ms of the latest ping any tab sent. */
  #lastPingAt = -Infinity;
  /** Wall-clock ms of the latest `closing` another tab sent. */
  #closingAt = -Infinity;
  /** This wait's share of {@link PRESENCE_JITTER}, drawn with each ping seen. */
  #jitter = 0;
  readonly #pace: OneTimer;
  readonly #answer: OneTimer;
  readonly #hooks: PresenceHooks;
  #target: EventTarget | null = null;

  constructor(hooks: PresenceHooks) {
    this.#hooks = hooks;
    this.#pace = new OneTimer(hooks.scheduler);
    this.#answer = new OneTimer(hooks.scheduler);
  }

  /** The server's `closeAfter` in force (seconds), `null` while presence is off. */
  get closeAfter(): number | null {
    return this.#closeAfter;
  }

  /**
   * Wall-clock ms at which this tab sends the next presence ping unless another ping leaves first:
   * a third of `closeAfter` after the last ping (two thirds for a tab that does not lead), plus up
   * to {@link PRESENCE_JITTER} of it; `null` while presence is off.
   */
  get dueAt(): number | null {
    const closeAfter = this.#closeAfter;
    if (closeAfter == null) return null;
    return this.#lastPingAt + (closeAfter / 3) * 1000 * ((this.#hooks.leader() ? 1 : 2) + this.#jitter);
  }

  /** A server answer (this tab's or another's): presence is on with its `closeAfter`, off without. */
  heard(closeAfter: number | null | undefined): void {
    const next = closeAfter ?? null;
    if (next !== this.#closeAfter) this.#hooks.debug(next == null ? 'presence off' : 'presence on', { closeAfter: next });
    this.#closeAfter = next;
    this.schedule();
  }

  /** A ping (of any kind) left this tab or another at `at`. */
  pinged(at: number): void {
    this.#lastPingAt = Math.max(this.#lastPingAt, Math.min(at, this.#hooks.now()));
    this.#jitter = this.#random() * PRESENCE_JITTER;
    this.schedule();
  }

  /** Another tab went away at `at`: answer with a presence ping after its beacon (see the module). */
  closingHeard(at: number): void {
    const closeAfter = this.#closeAfter;
    if (closeAfter == null || !this.#hooks.live()) return;
    this.#closingAt = Math.min(at, this.#hooks.now());
    const delay = closingAnswerDelay(closeAfter);
    this.#answer.arm(delay * (1 + this.#random() * PRESENCE_JITTER), () => this.#answerClosing(delay, false));
  }

  /** Listens for the page going away on `target` (the window); `null` stops listening. */
  listen(target: EventTarget | null): void {
    this.#target?.removeEventListener('pagehide', this.#onPageHide);
    this.#target = target;
    target?.addEventListener('pagehide', this.#onPageHide);
  }

  /** (Re)arms the next presence ping from the clock; disarms while off or not live. */
  schedule(): void {
    const hooks = this.#hooks;
    if (this.#closeAfter == null || !hooks.live()) return this.#pace.disarm();
    // The clock was set back: the last ping is not where it seems; waiting for the clock to catch up
    // could let presence run out.
    if (hooks.now() < this.#lastPingAt) this.#lastPingAt = -Infinity;
    this.#pace.arm(Math.max(0, this.dueAt! - hooks.now()), this.#onPace);
  }

  /** The session stopped or ended here: nothing more is sent. */
  stop(): void {
    this.#pace.disarm();
    this.#answer.disarm();
  }

  readonly #onPace = (): void => {
    const due = this.dueAt;
    if (due == null || !this.#hooks.live()) return;
    // Woken early by the wall clock (set back, or a ping that moved the deadline): look again.
    if (this.#hooks.now() < due) return this.schedule();
    this.#send('presence ping');
  };

  #answerClosing(delay: number, late: boolean): void {
    if (this.#closeAfter == null || !this.#hooks.live()) return;
    // A ping that left after the beacon surely did (a tab already answered): nothing to add.
    if (this.#lastPingAt >= this.#closingAt + delay) return;
    if (this.#hooks.leader() || late) this.#send('presence ping: a tab closed');
    // The closing tab may have been the leader, its lock not handed on yet: once more, later.
    else this.#answer.arm(delay * (1 + this.#random() * PRESENCE_JITTER), () => this.#answerClosing(delay, true));
  }

  #random(): number {
    return (this.#hooks.random ?? Math.random)();
  }

  #send(what: string): void {
    this.#hooks.debug(what);
    // Counted here too: whatever becomes of the ping, the next one waits a full interval.
    this.pinged(this.#hooks.now());
    this.#hooks.ping();
  }

  readonly #onPageHide = (event: Event): void => {
    // Into the back/forward cache: the page may come back (pageshow pings then); its lease may run out meanwhile.
    if ((event as PageTransitionEvent).persisted || this.#closeAfter == null || !this.#hooks.live()) return;
    this.stop();
    this.#hooks.debug('closing beacon', { queued: this.#hooks.beacon() });
    this.#hooks.post({ type: 'closing', at: this.#hooks.now() });
  };
}
