/**
 * The options of a page's session (`SessionCoordinator` and the Lit controller), and which of
 * them a page may change while it runs.
 *
 * @module
 */
import type { EndReason, ExpireReason, ExtendSource, IdleDurations, Scheduler } from '../idle/engine.js';
import type { PingRequestOptions } from '../browser/ping-client.js';

/** Options of `SessionCoordinator` (and of the Lit controller). Durations in seconds. */
export interface SessionTimeoutOptions {
  /** Seconds of inactivity before the warning. Default 540. With a server, the server's value wins. */
  warnAfter?: number | null;
  /** Seconds of inactivity before the session ends. Default 600. With a server, the server's value wins. */
  expireAfter?: number | null;
  /** The server's ping endpoint; `null`/absent: client-only, no network. */
  pingUrl?: string | null;
  /** Extra headers (e.g. a CSRF token) and `credentials` for every ping. */
  pingRequest?: PingRequestOptions | null;
  /**
   * The fewest seconds between two keep-alive pings while the user is active, across all tabs.
   * Default: half of `expireAfter − warnAfter`, at most 60 s; a longer value is shortened to that, so
   * an active user's server session never lapses (see `effectivePingInterval`).
   */
  pingInterval?: number | null;
  /** Name of the cross-tab channel. Default: derived from `pingUrl` (`session-timeout:<path>`). */
  channel?: string | null;
  /** Activity while the (idle) warning is open extends the session. Default `false`. */
  extendOnActivity?: boolean;
  /** No listeners, no timers, no pings. Turning it off again starts afresh. Default `false`. */
  disabled?: boolean;
  /**
   * The input events that count as activity. Default `ACTIVITY_EVENTS` (moves, presses, keys, wheel,
   * scroll, touch); e.g. `['keydown', 'pointerdown']` for a page where moving the mouse is no sign of use.
   */
  activityEvents?: readonly string[] | null;
  /** Where input counts: an element (only input inside it) or a document. Default: `document`. */
  activityTarget?: Element | Document | null;
  /** Logs every decision (`console.debug`): what the engine did, every ping and its answer, every tab message. */
  debug?: boolean;
  /** Called when the warning opens; `remaining` in seconds, `reason` the end it is about. */
  onWarn?: (remaining: number, reason: EndReason) => void;
  /**
   * Called each second while the warning is open (and when its deadline moves): `remaining` seconds,
   * from the wall clock, the moments the countdown changes.
   */
  onTick?: (remaining: number) => void;
  /**
   * Called when this tab starts or stops sending the keep-alive pings (see `SessionCoordinator.leader`):
   * `true` when it wins the election (alone: soon after `connect()`; else when the leading tab goes),
   * `false` when it stops (ended, disabled, disconnected). Never twice with the same value.
   */
  onLeader?: (leader: boolean) => void;
  /**
   * Called for each answer the server gives a ping while this page runs, in every tab: to this tab's
   * ping or to one another tab sent (relayed), once per answer. `remaining`: the seconds the server
   * says are left, counted from when the ping left; `durations`: in force from this answer on (the
   * server's when it said them). Not called for a failed ping (`onError`) nor a `401` (`onExpire`).
   */
  onPing?: (remaining: number, durations: IdleDurations) => void;
  /** Called when the session was extended (by the user, by activity, by a hold or by the server). */
  onExtend?: (remaining: number, source: ExtendSource) => void;
  /** Called when an absolute warning was closed without extending (the session still ends at its limit). */
  onDismiss?: (remaining: number) => void;
  /** Called once when the session ends. */
  onExpire?: (reason: ExpireReason) => void;
  /**
   * After `SessionCoordinator.awaitResume`: a session started again for the same subject, and
   * this page is live again (`remaining` seconds).
   */
  onResume?: (remaining: number) => void;
  /**
   * The page's session now belongs to someone else, or to no one: after
   * `SessionCoordinator.awaitResume`, a session started again for another subject or with none;
   * on a live page, a server answer (this tab's or another's) for a subject other than the one the
   * page began with, or a `401` with reason `missing` (signed out elsewhere, revoked). The page must
   * leave at once without being shown: its content is the first user's. No `onExpire` comes with it.
   */
  onResumeRefused?: () => void;
  /** Called when a ping failed (network, timeout, 5xx…); the session goes on counting down locally. */
  onError?: (error: Error, status: number) => void;
  /**
   * Called with what one of the callbacks above threw. Callbacks are isolated: the countdown, the
   * other tabs and the server never depend on them. Default: reported as uncaught, asynchronously.
   */
  onCallbackError?: (error: unknown) => void;
  /** Called whenever what a view shows may have changed (state, remaining time, durations). */
  onChange?: () => void;
  /** Clock (wall-clock ms) and timers, for tests. */
  now?: () => number;
  scheduler?: Scheduler;
  /** The document whose input counts. Default `document`. */
  document?: Document;
  /** The fetch used for pings. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/** The options a page may change while it runs (the element's attributes). */
export type ConfigurableOptions = Pick<SessionTimeoutOptions,
  'warnAfter' | 'expireAfter' | 'pingUrl' | 'pingRequest' | 'pingInterval' | 'channel' | 'extendOnActivity' | 'disabled' | 'debug' |
  'activityEvents' | 'activityTarget'>;

const CONFIGURABLE: ReadonlyArray<keyof ConfigurableOptions> = ['warnAfter', 'expireAfter', 'pingUrl', 'pingRequest', 'pingInterval',
  'channel', 'extendOnActivity', 'disabled', 'debug', 'activityEvents', 'activityTarget'];

/** The configurable options that `next` sets to another value than `current` has. */
export const changedOptions = (current: SessionTimeoutOptions, next: Partial<ConfigurableOptions>): Array<keyof ConfigurableOptions> =>
  CONFIGURABLE.filter((key) => key in next && next[key] !== current[key]);

/** Options of the Lit controller (and of a coordinator used as one). */
export interface SessionTimeoutControllerOptions extends SessionTimeoutOptions {
  /** Read when the host connects and before each of its updates: the configuration in force (e.g. from attributes). */
  config?: () => Partial<ConfigurableOptions>;
}
