/**
 * Tab sync: every tab of one browser that shows `<session-timeout>` for the same session shares
 * activity, extensions, server answers and the end of the session, and exactly one of them — the
 * leader — sends keep-alive pings.
 *
 * Transport: `BroadcastChannel` (every supported browser has it: Chrome/Edge/Firefox 102+, Safari 15.4+;
 * where a browser or an embedding lacks it, the tab is alone: it leads, and what it posts goes nowhere).
 * Leader: the holder of a Web Lock named after the channel; a tab that closes (or is discarded)
 * releases it and the next waiting tab takes over. Web Locks exist only in secure contexts: on a
 * plain-http intranet page every tab counts as leader and the keep-alive policy de-duplicates pings
 * through the shared `pinged` messages.
 *
 * Tabs of one browser share one wall clock, so instants (`at`, wall-clock ms) cross between them;
 * only the server is never compared with by instant.
 *
 * @module
 */
import { EXPIRE_REASONS, MAX_SUBJECT_LENGTH, type ExpireReason, type ReceivedPingAnswer } from '../protocol.js';

/** What tabs tell each other. Instants are wall-clock ms, durations seconds. */
export type TabMessage =
  /** The user was active in the sending tab at `at`. */
  | { type: 'activity'; at: number }
  /** The user extended the session (the warning closes everywhere). */
  | { type: 'extend'; at: number }
  /**
   * The server answered a ping sent at `at`: `remaining` (and `absoluteRemaining`) seconds counted
   * from then, and its own durations, which every tab adopts.
   */
  | ServerMessage
  /** A tab opened and asks what the server last said (answered with a `server` message). */
  | { type: 'hello' }
  /** The user closed the absolute warning: it closes in every tab. */
  | { type: 'dismiss' }
  /** A keep-alive ping left at `at`: no other tab needs to send one for a while. */
  | { type: 'pinged'; at: number }
  /**
   * Presence: the sending page went away at `at` (its closing beacon shortened presence to a grace):
   * a remaining tab answers with a presence ping.
   */
  | { type: 'closing'; at: number }
  /** The session ended. */
  | { type: 'expire'; reason: ExpireReason };

/** A server answer, as tabs pass it on: the answer to a ping that left at `at` (wall-clock ms). */
export interface ServerMessage extends ReceivedPingAnswer {
  type: 'server';
  at: number;
}

/** Options of {@link TabSync}. */
export interface TabSyncOptions {
  /** The channel's name: tabs with the same name share one session state. */
  name: string;
  /** Called with every message another tab sent. */
  onMessage: (message: TabMessage) => void;
  /** Called when this tab becomes (or stops being) the one that sends keep-alive pings. */
  onLeaderChange?: (leader: boolean) => void;
  /** For tests: the window whose channel and locks are used. Default `globalThis`. */
  global?: Pick<typeof globalThis, 'BroadcastChannel' | 'navigator'>;
}

const finite = (value: unknown): value is number => typeof value == 'number' && Number.isFinite(value);
/** A duration a sender may leave out (an older version of the element). */
const optionalDuration = (value: unknown): boolean => value == null || (finite(value) && value > 0);

/** Another tab (or another script on the origin) may post anything: only well-formed messages pass. */
export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value != 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'activity':
    case 'extend':
    case 'pinged':
    case 'closing':
      return finite(m.at);
    case 'server':
      return finite(m.at) && finite(m.remaining) && m.remaining >= 0 &&
        (m.absoluteRemaining === null || (finite(m.absoluteRemaining) && m.absoluteRemaining >= 0)) &&
        optionalDuration(m.expireAfter) && optionalDuration(m.warnAfter) && optionalDuration(m.closeAfter) &&
        (m.subject == null || (typeof m.subject == 'string' && m.subject.length <= MAX_SUBJECT_LENGTH));
    case 'hello':
    case 'dismiss':
      return true;
    case 'expire':
      return EXPIRE_REASONS.includes(m.reason as ExpireReason);
    default:
      return false;
  }
}

/**
 * One tab's end of the shared channel.
 *
 * @example
 * const sync = new TabSync({ name: 'session-timeout:/session/ping', onMessage: (m) => console.log(m) });
 * sync.post({ type: 'extend', at: Date.now() });
 * sync.close();
 */
export class TabSync {
  readonly name: string;
  #leader = false;
  #closed = false;
  /** `null` without `BroadcastChannel`: a single tab. */
  readonly #channel: BroadcastChannel | null;
  #stopLeading?: () => void;
  /** The pending or granted request for the leader lock; aborting it gives the lock up. */
  #lockRequest: AbortController | null = null;
  readonly #options: TabSyncOptions;
  readonly #global: NonNullable<TabSyncOptions['global']>;

  constructor(options: TabSyncOptions) {
    this.#options = options;
    this.name = options.name;
    this.#global = options.global ?? globalThis;
    const Channel = this.#global.BroadcastChannel;
    this.#channel = typeof Channel == 'function' ? new Channel(options.name) : null;
    if (this.#channel) this.#channel.onmessage = (event) => this.#receive(event.data);
    this.#elect();
  }

  /** Whether this tab sends the keep-alive pings. */
  get isLeader(): boolean {
    return this.#leader;
  }

  /** Sends a message to every other tab (never back to this one). */
  post(message: TabMessage): void {
    if (!this.#closed) this.#channel?.postMessage(message);
  }

  /**
   * Hands leadership on but keeps listening (an expired page must still hear the others).
   * {@link elect} takes part again.
   */
  resign(): void {
    this.#lockRequest?.abort();
    this.#lockRequest = null;
    this.#stopLeading?.();
    this.#stopLeading = undefined;
    this.#setLeader(false);
  }

  /** Takes part in the leader election again (after {@link resign}). Idempotent. */
  elect(): void {
    if (!this.#closed && !this.#lockRequest) this.#elect();
  }

  /** Leaves the channel and hands leadership on. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#channel?.close();
    this.resign();
  }

  #elect(): void {
    const locks = this.#global.navigator?.locks;
    if (!locks || !this.#channel) {
      // Alone (no channel) there is nobody to elect against.
      // No Web Locks (an insecure context): everybody may ping; the keep-alive policy spaces pings by the shared `pinged`.
      this.#setLeader(true);
      return;
    }
    const request = (this.#lockRequest = new AbortController());
    locks
      .request(`session-timeout-sync:${this.name}:leader`, { signal: request.signal }, () => {
        if (this.#closed || request.signal.aborted) return undefined;
        this.#setLeader(true);
        // Held until this tab resigns or closes; the browser releases it too when the page goes away.
        return new Promise<void>((resolve) => (this.#stopLeading = resolve));
      })
      .catch(() => {
        // Aborted by resign() or close() while waiting: nothing to hand on.
      });
  }

  #setLeader(leader: boolean): void {
    if (leader == this.#leader) return;
    this.#leader = leader;
    this.#options.onLeaderChange?.(leader);
  }

  #receive(data: unknown): void {
    if (!this.#closed && isTabMessage(data)) this.#options.onMessage(data);
  }
}
