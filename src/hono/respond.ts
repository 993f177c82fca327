import type { Context } from 'hono';
import { isHtmx, isNavigation } from './request/navigation.js';
import type { ExpiredAnswer, NoSessionReason } from '../protocol.js';

export type { NoSessionReason };

/** The `redirect` option with `reason` already set for each case, built once at start-up. */
export interface RedirectTargets {
  idle: string;
  absolute: string;
  /** No reason: a visitor who never signed in must not be told they were signed out. */
  missing: string;
}

/** Where an ended navigation goes, by request and reason: the `redirect` option, checked. */
export type RedirectTo = (c: Context, reason: NoSessionReason) => string;

/** A control character cannot go into a `Location` header (and CR/LF is how headers are smuggled in). */
export const hasControlCharacter = (url: string): boolean => /[\u0000-\u001f\u007f]/.test(url);

/** The `redirect` option as one function: a string's targets built once, a function's answers checked per request. */
export function toRedirectTo(redirect: string | RedirectTo): RedirectTo {
  if (typeof redirect === 'string') {
    const targets = redirectTargets(redirect);
    return (_c, reason) => targets[reason];
  }
  return (c, reason) => {
    const url: unknown = redirect(c, reason);
    if (typeof url !== 'string' || url === '' || hasControlCharacter(url)) {
      throw new TypeError(`sessionTimeout: the redirect function answered ${JSON.stringify(url) ?? typeof url} for reason ${reason}: a non-empty URL without control characters is needed`);
    }
    return url;
  };
}

/** Seconds a client should wait before retrying after a `503`. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Sets `reason` in the redirect's query, replacing one already there and keeping everything else
 * (path, other parameters, fragment) as written: the target may be relative, so no URL parsing.
 */
export function redirectTargets(redirect: string): RedirectTargets {
  const hashAt = redirect.indexOf('#');
  const hash = hashAt === -1 ? '' : redirect.slice(hashAt);
  const beforeHash = hashAt === -1 ? redirect : redirect.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  const withReason = (reason: string | null): string => {
    const params = new URLSearchParams(query);
    if (reason === null) params.delete('reason');
    else params.set('reason', reason);
    const search = params.toString();
    return path + (search ? `?${search}` : '') + hash;
  };
  return { idle: withReason('idle'), absolute: withReason('absolute'), missing: withReason(null) };
}

/**
 * The answer to a request whose session has ended (or, with `required`, never existed):
 * `303` to `redirect` for a navigation, `HX-Redirect` for htmx, else `401` JSON. A `redirect`
 * function that throws (or answers no usable URL) is reported, and the `401` JSON answers instead:
 * still ended, never a `500`.
 *
 * @returns `null` when the redirect would lead to the very page asked for (`isRequestedPage`): a
 *   redirect there loops forever, so the caller serves the request without a session instead
 */
export function respondEnded(
  c: Context,
  reason: NoSessionReason,
  redirect: RedirectTo | null,
  report: (error: unknown) => void,
  isRequestedPage: (target: string) => boolean,
): Response | null {
  if (redirect !== null) {
    const htmx = isHtmx(c);
    if (htmx || isNavigation(c)) {
      let target: string;
      try {
        target = redirect(c, reason);
      } catch (error) {
        report(error);
        return expiredJson(c, reason);
      }
      if (isRequestedPage(target)) return null;
      c.header('Cache-Control', 'no-store');
      if (!htmx) return c.redirect(target, 303);
      // htmx ignores response headers on 3xx and, from v4, swaps 4xx bodies: a bodiless 200 it is.
      c.header('HX-Redirect', target);
      return c.body(null, 200);
    }
  }
  return expiredJson(c, reason);
}

/**
 * Whether `target` (the `redirect` option's answer, relative or absolute) names this request's own
 * page: the same path, on the request URL's origin or one the `origin` option trusts (behind a proxy
 * the public origin differs from the URL's). Only asked on the way to a redirect, never per request.
 */
export function isRequestedPage(c: Context, target: string, isTrustedOrigin: (origin: string, c: Context) => boolean): boolean {
  const requested = new URL(c.req.url);
  let url: URL;
  try {
    url = new URL(target, requested);
  } catch {
    return false;
  }
  return url.pathname === requested.pathname && (url.origin === requested.origin || isTrustedOrigin(url.origin, c));
}

/** `401 {"expired": true, "reason"}`: the one answer that means "this session is over". */
export function expiredJson(c: Context, reason: NoSessionReason): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ expired: true, reason } satisfies ExpiredAnswer, 401);
}

/** `503` with `Retry-After`: the store could not say, so the session is neither alive nor ended. */
export function respondUnavailable(c: Context): Response {
  c.header('Cache-Control', 'no-store');
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  return c.json({ error: 'The session store is unavailable; retry shortly.' }, 503);
}
