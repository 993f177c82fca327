/**
 * On Cloudflare Workers a `MemoryStore` holds the sessions of one isolate only: Cloudflare runs many
 * isolates per worker and moves requests between them, so a session started in one is unknown in the
 * next (`401 missing`), and idle time is counted apart. Users meet that as random sign-outs, so it is
 * said once per isolate in the log, where they will look.
 */

export const ISOLATE_WARNING =
  '[session-timeout] MemoryStore on Cloudflare Workers keeps sessions in this isolate only: other isolates ' +
  'of the worker neither see nor extend them. Use a shared store, e.g. store: (c) => new DurableObjectStore(c.env.SESSIONS).';

/**
 * Whether this is workerd (Cloudflare Workers, `wrangler dev`, Miniflare): its `navigator.userAgent`
 * is exactly `'Cloudflare-Workers'`. A Web API, so no Node API is needed to tell.
 */
export function isWorkerd(userAgent: string | undefined = globalThis.navigator?.userAgent): boolean {
  return userAgent === 'Cloudflare-Workers';
}

let warned = false;

/**
 * Warns once per isolate (module instance) that a `MemoryStore` is not shared, when on workerd.
 * @param userAgent - this runtime's `navigator.userAgent` (injectable for tests)
 */
export function warnIfIsolateLocal(
  userAgent: string | undefined = globalThis.navigator?.userAgent,
  warn: (message: string) => void = console.warn,
): void {
  if (warned || !isWorkerd(userAgent)) return;
  warned = true;
  warn(ISOLATE_WARNING);
}
