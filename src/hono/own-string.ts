/**
 * A copy of `s` that holds no reference to a larger string.
 *
 * `header.slice(a, b)` in V8 is usually a view into `header`: keeping the slice (as a Map key,
 * say) keeps the whole Cookie header alive with it, ~600 bytes instead of ~40 per session id.
 * A JSON round trip is the portable way to get a fresh, flat string; it runs only when a value is
 * stored for long (a new session, a newly verified cookie), never per request.
 */
export function ownString(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
