/**
 * Audit hooks: `onStart`, `onExtend` and `onEnd` tell the app when a session starts, is extended by
 * the user's activity, and ends, with what a SIEM line or an OpenTelemetry span needs. The session
 * id never appears: a keyed hash of it does (HMAC under `secret`, stable across instances), as does
 * the subject's keyed hash when it is known.
 *
 * A hook never slows or breaks a request: it runs after the request's own work, is not awaited (on
 * Workers it is kept alive with `waitUntil`), and what it throws or rejects goes to `onStoreError` as
 * a {@link HookError}. The one exception is `onEnd` for an idle or absolute end, which keeps its
 * "runs until it succeeds" duty (see the `onEnd` option).
 *
 * @module
 */
import type { Context } from 'hono';
import type { EndReason } from './store/contract.js';
import { keyedHash } from './subject.js';

/** Why `onEnd` was called: the session's idle or absolute limit passed, or `end(c)` (a sign-out). */
export type AuditEndReason = EndReason | 'logout';

/** What every audit hook is told. */
export interface SessionAuditInfo {
  /**
   * The session, as a keyed hash of its id (HMAC-SHA256 under `secret`, base64url, 22 characters):
   * the same for the same session on every instance, so start, extensions and end correlate, and
   * useless for taking the session over. Never the id itself.
   */
  session: string;
  /** Who signed in, as the keyed hash `start(c, { subject })` stored (what the ping answers); absent when unknown. */
  subject?: string;
  /** When, in milliseconds since the epoch (the handler's clock). */
  at: number;
}

/** What `onStart` is told: the session's limits too, in seconds (its own policy, or the handler's). */
export interface SessionStartInfo extends SessionAuditInfo {
  expireAfter: number;
  warnAfter: number;
  /** `null`: no absolute limit. */
  absoluteTimeout: number | null;
}

/** What `onExtend` is told: the user was active, and the session now runs until `remaining` seconds from `at`. */
export interface SessionExtendInfo extends SessionAuditInfo {
  /** The user's last activity now on record, in milliseconds since the epoch. */
  lastActivity: number;
  /** Seconds until the session ends if the user stays idle (the sooner of its idle and absolute limits). */
  remaining: number;
}

/** What an audit hook threw or rejected with, as `onStoreError` receives it; `cause` holds the original. */
export class HookError extends Error {
  /** Which hook failed. */
  readonly hook: 'onStart' | 'onExtend' | 'onEnd';
  constructor(hook: HookError['hook'], cause: unknown) {
    super(`sessionTimeout: the ${hook} hook failed; the request was answered all the same`, { cause });
    this.name = 'HookError';
    this.hook = hook;
  }
}

/** Keeps the session hashes apart from the subject's and the cookie's uses of the same secret. */
const SESSION_DOMAIN = 'session-timeout-element session\0';

/** The keyed hash of a session id that audit hooks get instead of the id. */
export function sessionHash(secret: string, id: string): Promise<string> {
  return keyedHash(secret, SESSION_DOMAIN, id);
}

/**
 * Runs `work` (which builds a hook's info and calls it) off the request path: not awaited, its
 * failure reported, never thrown. On runtimes with an execution context (Workers), `waitUntil` keeps
 * it alive after the answer is sent.
 */
export function runDetached(c: Context | null, work: () => Promise<void>, report: (error: unknown) => void): void {
  // Called in a microtask, so even a hook that throws synchronously cannot reach the caller.
  const done = Promise.resolve().then(work).catch(report);
  if (c === null) return;
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    // No execution context (Node, Bun, Deno, tests): the promise runs on by itself.
  }
}
