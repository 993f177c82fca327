/**
 * Passive requests: polling, status checks and other requests the page makes on its own. They carry
 * `X-Session-Passive: 1`, so the server answers them without counting them as the user's activity,
 * and a dashboard left open still signs out when nobody is there.
 *
 * @module
 */

import { PASSIVE_HEADER } from './protocol.js';

/**
 * `fetch`, marked passive. Same arguments, same answer.
 *
 * @example
 * import { passiveFetch } from 'session-timeout-element';
 * setInterval(async () => render(await (await passiveFetch('/api/notifications')).json()), 30_000);
 */
export function passiveFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set(PASSIVE_HEADER, '1');
  return fetch(input, { ...init, headers });
}
