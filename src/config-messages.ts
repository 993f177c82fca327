/**
 * Console messages for a duration attribute that cannot be used: they name the real problem (not a
 * number, a unit, zero or less, not below `expire-after`) and what is used instead, once each.
 *
 * @module
 */

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
