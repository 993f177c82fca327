/**
 * Console messages for a configuration that cannot be used: a duration attribute (naming the real
 * problem: not a number, a unit, zero or less, not below `expire-after`), a warning too short to act
 * on, a URL that is not http(s), page durations the server overrides, a ping URL that does not answer
 * the protocol. A module of its own, loaded when there is something to say: only a page with a
 * mistake pays for the words.
 *
 * @module
 */

import type { IdleDurations } from '../idle/engine.js';

const UNITS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hour: 3600, hours: 3600 };

/**
 * @param attribute `warn-after` or `expire-after`
 * @param raw the attribute as written (or the property's value as a string)
 * @param fallback the value used instead
 * @param expireAfter for `warn-after`: the limit it must stay below
 *
 * @example
 * durationProblem('warn-after', '30s', 540) // 'warn-after="30s": durations are plain seconds without a unit: warn-after="30"; using 540'
 */
export function durationProblem(attribute: string, raw: string, fallback: number, expireAfter?: number): string {
  const written = `${attribute}="${raw}"`;
  const unit = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(raw);
  const factor = unit ? UNITS[unit[2]!.toLowerCase()] : undefined;
  let problem: string;
  if (unit && factor) problem = `: durations are plain seconds without a unit: ${attribute}="${+unit[1]! * factor}"`;
  else if (raw.trim() === '' || !Number.isFinite(Number(raw))) problem = ' is not a number of seconds';
  else if (Number(raw) <= 0) problem = ' must be more than 0 seconds';
  else problem = ` must be below expire-after (${expireAfter})`;
  return `${written}${problem}; using ${fallback}`;
}

/** The warning leaves under 20 s to respond. */
export const tooShortToRespond = 'expire-after − warn-after is under 20 s: too short to respond (WCAG 2.2.1)';

/** A `redirect-url` or `logout-url` that is not http(s) (a `javascript:` URL never runs). */
export const notHttpUrl = (attribute: string, url: string): string => `${attribute}="${url}" is not an http(s) URL; ignored`;

/** The page's duration attributes differ from the server's, which win. */
export const durationsDiffer = (server: IdleDurations, page: IdleDurations): string =>
  `the server's durations (warn-after ${server.warnAfter}, expire-after ${server.expireAfter}) differ from the page's ` +
  `(warn-after ${page.warnAfter}, expire-after ${page.expireAfter}); using the server's`;

/** A ping answered, but not with the protocol (404, 403, 500, an HTML login page…): a mistake, not a blip. */
export const deadPing = (error: Error): string =>
  `ping-url ${error.message}: this page cannot keep the session alive. Is the ping mounted at that URL?`;

/** A `frame-origins` entry that no message can come from. */
export const notAnOrigin = (origin: string): string =>
  `frame-origins "${origin}" is not an origin (scheme://host[:port], no path): no frame's message counts from it`;
