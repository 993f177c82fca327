import type { Context } from 'hono';
import type { SessionStore } from './store/contract.js';

/** A secret shorter than this could be brute-forced offline from one captured cookie. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The `secret` option as given, or what a `secret: (c) => …` function returned: one secret or a
 * rotation list, each at least {@link MIN_SECRET_LENGTH} characters.
 *
 * @param where - names the source in the error (`'secret'`, or `'a secret from the secret function'`)
 * @throws `Error` naming what is wrong; at start-up for a static secret, per request for a function
 */
export function toSecretList(secret: unknown, where: string): readonly string[] {
  if (isThenable(secret)) {
    throw new Error(`sessionTimeout: ${where} returned a promise; return the secret itself (e.g. c.env.SESSION_SECRET)`);
  }
  const secrets: unknown[] =
    typeof secret === 'string' ? [secret] : Array.isArray(secret) ? [...(secret as readonly unknown[])] : [];
  if (secrets.length === 0) {
    throw new Error(
      `sessionTimeout: ${where} is required to sign the session cookie (got ${describe(secret)}): ` +
        `pass at least ${MIN_SECRET_LENGTH} random characters, e.g. secret: (c) => c.env.SESSION_SECRET`,
    );
  }
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `sessionTimeout: ${where} must be at least ${MIN_SECRET_LENGTH} characters long ` +
          `(got ${typeof s === 'string' ? s.length : typeof s})`,
      );
    }
  }
  return secrets as string[];
}

/** Whether `value` implements {@link SessionStore} (checked by its methods, whatever class made it). */
export function isSessionStore(value: unknown): value is SessionStore {
  const store = value as Partial<SessionStore> | null;
  return (
    typeof store === 'object' &&
    store !== null &&
    typeof store.touch === 'function' &&
    typeof store.create === 'function' &&
    typeof store.delete === 'function' &&
    typeof store.settleEndReport === 'function'
  );
}

/**
 * Wraps a `store: (c) => …` function: called at most once per request (a store built from
 * `c.env` binds that request), its answer checked, so a binding that is missing or misnamed throws
 * on the request, where the caller answers `503`, instead of failing later as a `TypeError`.
 */
export function perRequestStore(storeFor: (c: Context) => SessionStore): (c: Context) => SessionStore {
  // Keyed on the context, so each request gets its own and nothing outlives the request.
  const resolved = new WeakMap<Context, SessionStore>();
  return (c) => {
    let store = resolved.get(c);
    if (store === undefined) {
      const value: unknown = storeFor(c);
      if (isThenable(value)) {
        throw new Error('sessionTimeout: the store function returned a promise; return the store itself');
      }
      if (!isSessionStore(value)) {
        throw new Error(
          `sessionTimeout: the store function returned ${describe(value)}, not a SessionStore ` +
            '(create, touch, settleEndReport, delete): is its binding configured?',
        );
      }
      store = value;
      resolved.set(c, store);
    }
    return store;
  };
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return typeof value;
}
