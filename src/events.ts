/**
 * The events of `<session-timeout>`: each an `Event` subclass with typed fields, all bubbling and
 * crossing shadow roots (`composed`). Durations in seconds.
 *
 * @module
 */
import type { EndReason, ExpireReason } from './protocol.js';

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
  /** @param reason `idle`, `absolute`, `server` (the server ended it) or `logout`. */
  constructor(readonly reason: ExpireReason) {
    super('session-timeout-expire', { ...init, cancelable: true });
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

declare global {
  interface HTMLElementEventMap {
    'session-timeout-warn': SessionTimeoutWarnEvent;
    'session-timeout-extend': SessionTimeoutExtendEvent;
    'session-timeout-dismiss': SessionTimeoutDismissEvent;
    'session-timeout-expire': SessionTimeoutExpireEvent;
    'session-timeout-error': SessionTimeoutErrorEvent;
  }
}
