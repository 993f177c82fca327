import type { Context } from 'hono';
import { isFromAnotherSite } from './cross-site.js';
import { header } from './headers.js';

export { PASSIVE_HEADER } from '../../protocol.js';

/** Which requests never count as activity: see `SessionTimeoutOptions.passive`. */
export type PassiveOption = string | readonly string[] | ((c: Context) => boolean);

/**
 * Turns the `passive` option into one predicate, once, so the per-request path does no parsing:
 * exact paths become a `Set` lookup, `'/prefix/*'` entries a `startsWith` each.
 */
export function toPassiveTest(passive: PassiveOption): (c: Context) => boolean {
  if (typeof passive === 'function') return passive;
  const patterns = typeof passive === 'string' ? [passive] : passive;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || !pattern.startsWith('/')) {
      throw new Error(`sessionTimeout: passive path ${JSON.stringify(pattern)} must start with "/"`);
    }
    if (pattern.endsWith('*')) prefixes.push(pattern.slice(0, -1));
    else exact.add(pattern);
  }
  return (c) => {
    const path = c.req.path;
    if (exact.has(path)) return true;
    for (const prefix of prefixes) if (path.startsWith(prefix)) return true;
    return false;
  };
}

/**
 * True when this request must not count as activity: marked passive (`X-Session-Passive: 1`, as the
 * element's pings and `passiveFetch` are), on a passive path, or sent by another site (see
 * {@link isFromAnotherSite}). It is still checked either way.
 */
export function isPassive(
  c: Context,
  isPassivePath: ((c: Context) => boolean) | null,
  isTrustedOrigin: (origin: string, c: Context) => boolean,
): boolean {
  return (
    header(c, 'x-session-passive') === '1' ||
    (isPassivePath !== null && isPassivePath(c)) ||
    isFromAnotherSite(c, isTrustedOrigin)
  );
}
