/**
 * The session's subject: who signed in, as the application names them (`start(c, { subject })`).
 * It never leaves the server as given: the store and the ping answer carry a keyed hash, the same
 * for the same user across sessions (so an expired page can tell "the same person signed in again"),
 * useless to anyone without the secret.
 *
 * @module
 */

const encoder = new TextEncoder();
/** Separates this use of the secret from the cookie's signatures (and from the audit's session hashes). */
const DOMAIN = 'session-timeout-element subject\0';

/** Throws a clear `TypeError` unless `subject` is absent or a non-empty string. */
export function checkSubject(subject: unknown): asserts subject is string | undefined {
  if (subject !== undefined && (typeof subject !== 'string' || subject === '')) {
    throw new TypeError(`sessionTimeout: start(c, { subject }) needs a non-empty string, got ${subject === '' ? 'an empty string' : typeof subject}`);
  }
}

/**
 * HMAC-SHA256 of the subject under `secret`, base64url, 128 bits (22 characters): what the store
 * keeps and the ping answers.
 *
 * @example
 * await subjectHash(process.env.SESSION_SECRET, 'ada@example.org') // 'q1Xo…' (22 characters)
 */
export function subjectHash(secret: string, subject: string): Promise<string> {
  return keyedHash(secret, DOMAIN, subject);
}

/**
 * HMAC-SHA256 of `domain + text` under `secret`, base64url, 128 bits (22 characters). The domain
 * keeps each use apart: the same text hashed for another purpose gives an unrelated value.
 */
export async function keyedHash(secret: string, domain: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(domain + text)));
  let binary = '';
  for (const byte of mac.subarray(0, 16)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
