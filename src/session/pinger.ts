/**
 * Sending pings: one client for the current `ping-url` (a new one with every restart, so that an
 * answer to an older one is never applied), pings numbered so that only the latest one's answer
 * counts, and the bookkeeping every ping shares whatever it is for (keep-alive, extend,
 * confirmation, start-up): the keep-alive policy hears it left and how it went, the other tabs hear
 * it left. What an answer means is the coordinator's business.
 *
 * @module
 */
import type { KeepAlive } from '../idle/keep-alive.js';
import { PingClient, type PingRequestOptions, type PingResult } from '../browser/ping-client.js';

/** What sending pings needs from the session around it. */
export interface PingerHooks {
  /** The keep-alive policy in force, if any. */
  keepAlive(): KeepAlive | null;
  /** Tells the other tabs a ping left at `at`. */
  pinged(at: number): void;
  /** The wall clock, ms. */
  now(): number;
  /** With `debug`: one console line. */
  debug(what: string, detail?: unknown): void;
}

export class Pinger {
  #client: PingClient | null = null;
  #seq = 0;
  readonly #hooks: PingerHooks;

  constructor(hooks: PingerHooks) {
    this.#hooks = hooks;
  }

  /** The client in use; `null`: no server (client-only, stopped, or a malformed `ping-url`). */
  get client(): PingClient | null {
    return this.#client;
  }

  /** A new client for `url` (`null`: none); the previous one's requests are aborted. */
  renew(url: string | null, fetch?: typeof globalThis.fetch, request?: PingRequestOptions | null): void {
    this.#client?.abort();
    this.#client = url ? new PingClient({ url, fetch, request: request ?? undefined, debug: this.#hooks.debug }) : null;
  }

  /**
   * Sends one ping reporting `idle` seconds, after the user's last input at `lastActivity` (what the
   * keep-alive policy counts as told). Resolves with its result, or `null` when there is no client
   * or the answer is stale: the client changed meanwhile, or a newer ping overtook it.
   */
  async send(idle: number, lastActivity: number): Promise<{ result: PingResult; since: number } | null> {
    const hooks = this.#hooks;
    const client = this.#client;
    if (!client) return null;
    const seq = ++this.#seq;
    const since = hooks.now();
    hooks.keepAlive()?.sent(lastActivity);
    hooks.pinged(since);
    hooks.debug('ping', { idle });
    const result = await client.ping(idle);
    hooks.debug('ping answered', result);
    if (client != this.#client) return null;
    if (result.kind == 'unknown') hooks.keepAlive()?.failed();
    else hooks.keepAlive()?.succeeded();
    return seq == this.#seq ? { result, since } : null;
  }
}
