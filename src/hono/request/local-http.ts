import type { Context } from 'hono';
import { header } from './headers.js';

/**
 * Whether the *browser* reached us over plain http on a loopback host: the one place `secure: 'auto'`
 * leaves out `Secure` and `__Host-` (browsers drop a `Secure` cookie set over http there).
 *
 * Fails safe. The request URL alone is not enough: a TLS-terminating proxy forwards
 * `https://app.example.com` to `http://localhost:3000`. So it is local plain http only when the URL
 * says so *and* nothing else says otherwise: `X-Forwarded-Proto` / `Forwarded: proto=` other than
 * `http`, `X-Forwarded-Host` / `Forwarded: host=` naming another host (a forwarding header that cannot
 * be read counts as saying otherwise), or the browser's own view of the page: the `Origin` or
 * `Referer` of a same-origin request (`Sec-Fetch-Site: same-origin`, or no fetch metadata) naming
 * anything but plain-http localhost. That last one is what a proxy with nginx's defaults leaves: no
 * `X-Forwarded-*`, the upstream's `Host`, but the browser's `Origin: https://app.example.com`.
 */
export function reachedOverLocalPlainHttp(c: Context): boolean {
  if (!isLocalPlainHttp(c.req.url)) return false;
  const proto = header(c, 'x-forwarded-proto');
  const host = header(c, 'x-forwarded-host');
  const forwarded = header(c, 'forwarded');
  if (proto !== null && !listOf(proto).every((p) => p.toLowerCase() === 'http')) return false;
  if (host !== null && !listOf(host).every(isLocalHost)) return false;
  if (forwarded !== null && !forwardedSaysLocalHttp(forwarded)) return false;
  return browserSawLocalHttp(c);
}

/**
 * Whether the browser's own `Origin` and `Referer` (where it sent them, for a page of this origin)
 * name plain-http localhost. Another site's page (`Sec-Fetch-Site` cross-site or same-site) says
 * nothing about ours: a link from `https://github.com` to a local development server is still local.
 */
function browserSawLocalHttp(c: Context): boolean {
  const site = header(c, 'sec-fetch-site');
  if (site !== null && site !== 'same-origin') return true;
  const origin = header(c, 'origin');
  // `Origin: null` (a privacy-sensitive context) names no page.
  if (origin !== null && origin !== 'null' && !isLocalPlainHttp(origin)) return false;
  const referer = header(c, 'referer');
  return referer === null || isLocalPlainHttp(referer);
}

/**
 * `http://`, then exactly `localhost`, `127.0.0.1` or `[::1]`, then a port, path, query, fragment or
 * the end. One regular expression: on Node 20 it costs ~25 ns a request, where `startsWith` calls
 * (or a loop of `charCodeAt` over the URL Hono builds by concatenation) cost 60–80.
 */
const LOCAL_PLAIN_HTTP = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/?#]|$)/;

/** `http://localhost`, `http://127.0.0.1` or `http://[::1]` (any port), judged by the URL alone. */
export function isLocalPlainHttp(url: string): boolean {
  return LOCAL_PLAIN_HTTP.test(url);
}

/** `localhost`, `127.0.0.1` or `[::1]`, with or without a port. */
function isLocalHost(host: string): boolean {
  return isLocalPlainHttp(`http://${host.toLowerCase()}/`);
}

/** A comma-separated header as trimmed entries; an empty entry makes the header unreadable (`['']`). */
function listOf(value: string): string[] {
  return value.split(',').map((entry) => entry.trim());
}

/**
 * RFC 7239 `Forwarded`: every `proto=` is `http` and every `host=` is local. Any element that is
 * not `key=value` makes the header unreadable, hence not local.
 */
function forwardedSaysLocalHttp(forwarded: string): boolean {
  for (const element of forwarded.split(',')) {
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq === -1) return false;
      const key = pair.slice(0, eq).trim().toLowerCase();
      const value = pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'proto' && value.toLowerCase() !== 'http') return false;
      if (key === 'host' && !isLocalHost(value)) return false;
    }
  }
  return true;
}
