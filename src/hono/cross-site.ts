import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { header } from './header.js';

/**
 * A request another site made the browser send. `Sec-Fetch-Site` (set by the browser, not by
 * page script) must say same-origin, and `Origin` must be ours; a request with neither comes
 * from outside a browser, which holds no victim's cookie. The Content-Type plays no part: a
 * cross-site form can send any body as `text/plain`.
 */
export function isCrossSite(c: Context, isTrustedOrigin: (origin: string, c: Context) => boolean): boolean {
  const site = header(c, 'sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  const origin = header(c, 'origin');
  return origin !== null && !isTrustedOrigin(origin, c);
}

/**
 * Thrown by `end()` for a cross-site request: another site's auto-submitting form must not sign the
 * user out. Nothing has been changed when it is thrown; Hono answers it `403` (or `app.onError` can).
 */
export function crossSiteRefusal(): HTTPException {
  const res = new Response(JSON.stringify({ error: 'Cross-site requests may not end the session.' }), {
    status: 403,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
  return new HTTPException(403, { res, message: 'cross-site sign-out refused' });
}
