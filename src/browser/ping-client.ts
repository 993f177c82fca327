/**
 * The ping client: one request of the ping protocol (contract §2) and its answer, classified.
 *
 * Only a 401 means the session has ended. A network error, a timeout, a 5xx or 503, a 4xx other than
 * 401, or an answer that is not the expected JSON are all `unknown`: the caller keeps counting down
 * locally and never signs anyone out because of them. Periodic keep-alive and backoff build on
 * {@link PingClient.ping} (they decide *when*; this decides *how* and *what it means*).
 *
 * @module
 */
import type { ExpireReason } from '../idle/engine.js';
import { MAX_SUBJECT_LENGTH, PASSIVE_HEADER, type ReceivedPingAnswer } from '../protocol.js';

/**
 * The server knows the session and says how long it has left (seconds): its answer, every field
 * present (`null` where the server did not say).
 */
export interface PingAlive extends Required<ReceivedPingAnswer> {
  kind: 'alive';
}

/** The server says the session has ended (HTTP 401). */
export interface PingEnded {
  kind: 'ended';
  /** The server's reason, mapped onto the element's: `idle`, `absolute`, `closed`, anything else `server`. */
  reason: ExpireReason;
  /**
   * The server knows no session at all (reason `missing`: signed out elsewhere, revoked), rather
   * than one that timed out (an ended session is remembered as `idle` or `absolute` for a while).
   */
  missing: boolean;
}

/** Nobody knows: network error, timeout, 5xx, 503, unexpected answer. Never ends the session. */
export interface PingUnknown {
  kind: 'unknown';
  error: Error;
  /** The HTTP status, 0 when no answer arrived. */
  status: number;
}

export type PingResult = PingAlive | PingEnded | PingUnknown;

/** Options of {@link PingClient}. */
export interface PingClientOptions {
  /** The ping endpoint. */
  url: string;
  /** Seconds before a request is given up as `unknown`. Default 10. */
  timeout?: number;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** What the app adds to every ping: headers (e.g. a CSRF token) and `credentials`. */
  request?: PingRequestOptions;
  /** With the element's `debug`: one console line for what an answer had that was ignored. */
  debug?: (what: string, detail?: unknown) => void;
}

/** Extra headers and the `credentials` mode for every ping (`Content-Type` stays `application/json`). */
export interface PingRequestOptions {
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

const numberOrNull = (value: unknown): number | null => (Number.isFinite(value) ? (value as number) : null);

/** The server's reasons the element knows by name; any other is `server`. */
const NAMED_REASONS: readonly unknown[] = ['idle', 'absolute', 'closed'] satisfies ExpireReason[];

/** A subject is a non-empty string of printable ASCII, not too long; anything else is ignored. */
export const subjectOrNull = (value: unknown): string | null =>
  typeof value == 'string' && value.length <= MAX_SUBJECT_LENGTH && /^[\x21-\x7e]+$/.test(value) ? value : null;

/**
 * Sends `POST <url>` with `{"idle": seconds}` and same-origin credentials, and classifies the answer.
 *
 * @example
 * const client = new PingClient({ url: '/session/ping' });
 * const result = await client.ping(0); // an explicit extend
 * if (result.kind === 'alive') engine.rebase(result.remaining, result.absoluteRemaining);
 */
export class PingClient {
  readonly url: string;
  /** Seconds before a request is given up as `unknown`. */
  readonly timeout: number;
  readonly #fetch: typeof fetch;
  readonly #inFlight = new Set<AbortController>();
  readonly #request: PingRequestOptions;
  readonly #debug: NonNullable<PingClientOptions['debug']>;

  constructor(options: PingClientOptions) {
    this.url = options.url;
    this.timeout = options.timeout ?? 10;
    this.#request = options.request ?? {};
    this.#debug = options.debug ?? (() => {});
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Reports `idle` seconds (≥ 0; 0 is an explicit extend) and resolves with what the server said. Never rejects. */
  async ping(idle: number): Promise<PingResult> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('ping timed out', 'TimeoutError')), this.timeout * 1000);
    this.#inFlight.add(abort);
    let status = 0;
    try {
      const response = await this.#fetch(this.url, {
        method: 'POST',
        // Passive: a ping reports idle time and is never activity itself, even through a middleware mounted over it.
        headers: { ...this.#request.headers, 'Content-Type': 'application/json', [PASSIVE_HEADER]: '1' },
        body: JSON.stringify({ idle: Math.max(0, idle) }),
        credentials: this.#request.credentials ?? 'same-origin',
        signal: abort.signal,
      });
      status = response.status;
      const body = (await response.json().catch(() => null)) ?? {};
      const remaining = numberOrNull(body.remaining);
      if (status == 401) {
        const reason = body.reason;
        return { kind: 'ended', reason: NAMED_REASONS.includes(reason) ? reason : 'server', missing: reason == 'missing' };
      }
      if (response.ok && remaining != null && remaining >= 0) {
        return {
          kind: 'alive',
          remaining,
          expireAfter: numberOrNull(body.expireAfter),
          warnAfter: numberOrNull(body.warnAfter),
          absoluteRemaining: numberOrNull(body.absoluteRemaining),
          subject: subjectOrNull(body.subject),
          closeAfter: this.#closeAfter(body.closeAfter),
        };
      }
      const type = response.headers.get('Content-Type')?.split(';')[0] || 'no Content-Type';
      throw new Error(`${this.url} answered ${status} with ${type}, not the ping protocol's JSON`);
    } catch (error) {
      // Once aborted, report why: WebKit rejects an aborted fetch with AbortError whatever the
      // reason, where Chromium and Firefox reject with the reason itself (TimeoutError here).
      const reason = abort.signal.aborted ? (abort.signal.reason as Error) : (error as Error);
      return { kind: 'unknown', error: reason, status };
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(abort);
    }
  }

  /**
   * The closing beacon of a page going away: `{"idle": seconds, "closing": true}` with
   * `navigator.sendBeacon`, which outlives the page. A string body is sent as `text/plain`: no
   * preflight (the ping reads JSON whatever the type); the app's extra headers cannot go with it.
   * Returns whether the browser queued it.
   */
  beacon(idle: number): boolean {
    try {
      return navigator.sendBeacon?.(this.url, JSON.stringify({ idle: Math.max(0, idle), closing: true })) ?? false;
    } catch {
      return false; // not a URL the browser beacons to: presence runs out on its own
    }
  }

  /** Presence's `closeAfter`: a positive number of seconds, else `null` (absent: off; malformed: ignored, said with `debug`). */
  #closeAfter(value: unknown): number | null {
    if (value === undefined) return null;
    if (typeof value == 'number' && value > 0 && value < Infinity) return value;
    this.#debug('ignored a malformed closeAfter in the ping answer', value);
    return null;
  }

  /** Cancels every request in flight; their promises resolve as `unknown`. */
  abort(): void {
    for (const abort of this.#inFlight) abort.abort();
  }
}
