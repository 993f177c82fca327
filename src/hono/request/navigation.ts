import type { Context } from 'hono';
import { header } from './headers.js';

/**
 * A top-level page load: fetch metadata says so, or, from a browser too old to send it,
 * the request asks for HTML.
 */
export function isNavigation(c: Context): boolean {
  const mode = header(c, 'sec-fetch-mode');
  if (mode !== null) return mode === 'navigate';
  if (header(c, 'sec-fetch-site') !== null || header(c, 'sec-fetch-dest') !== null) return false;
  return (header(c, 'accept') ?? '').includes('text/html');
}

/** An htmx request: it follows `HX-Redirect`, but only on a 2xx answer. */
export function isHtmx(c: Context): boolean {
  return header(c, 'hx-request') === 'true';
}
