/**
 * The events of `<session-timeout>`: each an `Event` subclass with typed fields, all bubbling and
 * crossing shadow roots (`composed`). Durations in seconds.
 *
 * @module
 */
import type { EndReason, ExpireReason } from '../protocol.js';

const init: EventInit = { bubbles: true, composed: true };

/**
 * `session-timeout-warn`: the warning opened.
 *
 * @example
 * el.addEventListener('session-timeout-warn', (event) => saveDraft(event.remaining));
 */
export class SessionTimeoutWarnEvent extends Event {
  /**
   * @param remaining Seconds until the session ends.
   * @param reason The end the warning is about: `idle` (the user can stay) or `absolute` (a fixed limit nobody can extend).
   */
  constructor(readonly remaining: number, readonly reason: EndReason = 'idle') {
    super('session-timeout-warn', init);
  }
}

/** `session-timeout-extend`: the session was extended (button, Escape, activity, a hold, or the server). */
export class SessionTimeoutExtendEvent extends Event {
  /** @param remaining Seconds until the session ends, from now. */
  constructor(readonly remaining: number) {
    super('session-timeout-extend', init);
  }
}

/** An absolute warning was closed without extending: the session still ends at its fixed limit. */
export class SessionTimeoutDismissEvent extends Event {
  /** @param remaining Seconds until the session ends (at the absolute limit). */
  constructor(readonly remaining: number) {
    super('session-timeout-dismiss', init);
  }
}

/**
 * `session-timeout-expire`: the session ended. Cancelable: `preventDefault()` stops the redirect to
 * `redirect-url`, and the element shows its expired state in place instead.
 *
 * @example
 * el.addEventListener('session-timeout-expire', (event) => {
 *   event.preventDefault();
 *   router.go(`/login?reason=${event.reason}`);
 * });
 */
export class SessionTimeoutExpireEvent extends Event {
  /**
   * @param reason `idle`, `absolute`, `closed` (no page of the session was open for the server's `closeAfter`), `server` (the server ended it otherwise) or `logout`.
   * @param unsavedWork The page holds unsaved work: unless the event is cancelled, the page stays,
   *   hidden behind the expired dialog, until the same user signs in again or chooses to leave.
   */
  constructor(readonly reason: ExpireReason, readonly unsavedWork = false) {
    super('session-timeout-expire', { ...init, cancelable: true });
  }
}

/**
 * `session-timeout-resume`: an ended page that kept unsaved work came back, because the same user
 * signed in again. `state` is `active` again, every value is as it was.
 */
export class SessionTimeoutResumeEvent extends Event {
  /** @param remaining Seconds until the new session ends. */
  constructor(readonly remaining: number) {
    super('session-timeout-resume', init);
  }
}

/** `session-timeout-error`: a ping failed (network, timeout, 5xx). The session is *not* treated as ended. */
export class SessionTimeoutErrorEvent extends Event {
  /**
   * @param error What went wrong.
   * @param status The HTTP status, 0 when no answer arrived.
   */
  constructor(readonly error: Error, readonly status: number) {
    super('session-timeout-error', init);
  }
}

/**
 * `session-timeout-tick`: each second while the warning is open, at the moments the countdown
 * changes (and when the deadline moves), from the wall clock: never a counter that could drift.
 *
 * @example
 * el.addEventListener('session-timeout-tick', (event) => (badge.textContent = String(Math.ceil(event.remaining))));
 */
export class SessionTimeoutTickEvent extends Event {
  /** @param remaining Seconds until the session ends. */
  constructor(readonly remaining: number) {
    super('session-timeout-tick', init);
  }
}

/**
 * `session-timeout-leader`: this tab started (`leader` true) or stopped sending the keep-alive pings
 * for every tab of the browser. A tab alone wins soon after it starts; another wins when the leading
 * tab goes away; a tab stops when its session ends or the element is disabled or removed.
 */
export class SessionTimeoutLeaderEvent extends Event {
  /** @param leader Whether this tab now sends the keep-alive pings. */
  constructor(readonly leader: boolean) {
    super('session-timeout-leader', init);
  }
}

/**
 * `session-timeout-ping`: the server answered a ping, this tab's or another tab's (fired in every
 * tab, once per answer). Not for a failed ping (`session-timeout-error`) nor the end (`session-timeout-expire`).
 *
 * @example
 * el.addEventListener('session-timeout-ping', (event) => console.log(`server: ${event.remaining} s left`));
 */
export class SessionTimeoutPingEvent extends Event {
  /**
   * @param remaining Seconds the server says are left unless there is activity, counted from when the ping left.
   * @param expireAfter The session's idle limit in force from this answer on (the server's, when it says).
   * @param warnAfter When the warning opens, in seconds of inactivity, in force from this answer on.
   */
  constructor(readonly remaining: number, readonly expireAfter: number, readonly warnAfter: number) {
    super('session-timeout-ping', init);
  }
}

/** The element's events by name: they bubble and are composed, so `document` and `window` hear them too. */
export interface SessionTimeoutEventMap {
  'session-timeout-warn': SessionTimeoutWarnEvent;
  'session-timeout-extend': SessionTimeoutExtendEvent;
  'session-timeout-dismiss': SessionTimeoutDismissEvent;
  'session-timeout-resume': SessionTimeoutResumeEvent;
  'session-timeout-expire': SessionTimeoutExpireEvent;
  'session-timeout-error': SessionTimeoutErrorEvent;
  'session-timeout-tick': SessionTimeoutTickEvent;
  'session-timeout-leader': SessionTimeoutLeaderEvent;
  'session-timeout-ping': SessionTimeoutPingEvent;
}

declare global {
  interface HTMLElementEventMap extends SessionTimeoutEventMap {}
  interface DocumentEventMap extends SessionTimeoutEventMap {}
  interface WindowEventMap extends SessionTimeoutEventMap {}
}
