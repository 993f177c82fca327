import type { Context } from 'hono';
import { header } from './header.js';

/**
 * Whether the *browser* reached us over plain http on a loopback host: the one place `secure: 'auto'`
 * leaves out `Secure` and `__Host-` (browsers drop a `Secure` cookie set over http there).
 *
 * Fails safe. The request URL alone is not enough: a TLS-terminating proxy forwards
 * `https://app.example.com` to `http://localhost:3000`. So it is local plain http only when the URL
 * says so *and* no forwarding header says otherwise: `X-Forwarded-Proto` / `Forwarded: proto=` other
 * than `http`, or `X-Forwarded-Host` / `Forwarded: host=` naming another host. A forwarding header
 * that cannot be read counts as saying otherwise.
 */
export function reachedOverLocalPlainHttp(c: Context): boolean {
  if (!isLocalPlainHttp(c.req.url)) return false;
  const proto = header(c, 'x-forwarded-proto');
  if (proto !== null && !listOf(proto).every((p) => p.toLowerCase() === 'http')) return false;
  const host = header(c, 'x-forwarded-host');
  if (host !== null && !listOf(host).every(isLocalHost)) return false;
  const forwarded = header(c, 'forwarded');
  return forwarded === null || forwardedSaysLocalHttp(forwarded);
}

/** `http://localhost`, `http://127.0.0.1` or `http://[::1]` (any port), judged by the URL alone. */
export function isLocalPlainHttp(url: string): boolean {
  return url.startsWith('http://') && (hostAt(url, 'localhost') || hostAt(url, '127.0.0.1') || hostAt(url, '[::1]'));
}

/** Whether `url`'s host, right after `http://`, is exactly `host` (compared in place: no slicing per request). */
function hostAt(url: string, host: string): boolean {
  if (!url.startsWith(host, 7)) return false;
  const next = url.charCodeAt(7 + host.length);
  // end of string, or ':' port, '/' path, '?' query, '#' fragment
  return Number.isNaN(next) || next === 58 || next === 47 || next === 63 || next === 35;
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
