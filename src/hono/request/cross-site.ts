import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { header } from './headers.js';

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
 * A request another site made the browser send, which is no sign of the user at work here: an
 * `<img>` or script on another site (even a sibling subdomain, `same-site`), or a navigation its
 * script started. Such a request is still checked, never counted as activity, so another site
 * cannot keep an unattended session alive. Counted all the same: a navigation the user started
 * there (`Sec-Fetch-User: ?1`, a link followed, a form submitted), and a request from an origin the
 * `origin` option trusts (the app's own front end on another host). Without fetch metadata (an old
 * browser, or no browser) nothing is known, and the request counts as before.
 */
export function isFromAnotherSite(c: Context, isTrustedOrigin: (origin: string, c: Context) => boolean): boolean {
  const site = header(c, 'sec-fetch-site');
  if (site === null || site === 'same-origin' || site === 'none') return false;
  if (header(c, 'sec-fetch-user') === '?1') return false;
  const origin = header(c, 'origin');
  return origin === null || !isTrustedOrigin(origin, c);
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
