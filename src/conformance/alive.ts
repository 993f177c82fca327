/**
 * The 200 answer of a live session: its fields and their types, checked on every 200 the kit reads.
 *
 * @module
 */
import { isObject, numberAt, type Alive, type CheckContext } from './context.js';
import { describe, mediaTypeOf, type Answer } from './http.js';
import type { RuleId } from './rules.js';

/** The longest `subject` the element accepts, and its characters (printable ASCII). */
const SUBJECT = /^[\x21-\x7e]{1,128}$/;

/** Rounding slack when comparing the seconds of one answer with each other. */
const EPSILON = 0.001;

/**
 * Checks a ping answer that should be 200 (rule `answer-200`) and returns its fields, or `null`
 * when it is not a usable 200 (the failure names `what` was being checked, under `statusRule`: the
 * rule that step checks, when a status other than 200 is that rule's failure).
 */
export function readAlive(ctx: CheckContext, answer: Answer, what: string, statusRule: RuleId = 'answer-200'): Alive | null {
  const r = ctx.results;
  if (!r.check(statusRule, answer.status === 200, () => `${what}: ${answer.asked} answered ${describe(answer)}; expected 200 for a live session`)) return null;
  const json = answer.json;
  r.check('answer-200', mediaTypeOf(answer) === 'application/json', () => `the 200 answer's Content-Type is ${mediaTypeOf(answer) || 'missing'}; expected application/json`);
  if (!r.check('answer-200', isObject(json), () => `the 200 body is not a JSON object: ${answer.body || '(empty)'}`) || !isObject(json)) return null;

  const remaining = numberAt(json, 'remaining');
  const expireAfter = numberAt(json, 'expireAfter');
  const warnAfter = numberAt(json, 'warnAfter');
  const absolute = json.absoluteRemaining;
  const problems: string[] = [];
  if (remaining === undefined || remaining < 0) problems.push('"remaining" must be a number of seconds ≥ 0');
  if (expireAfter === undefined || expireAfter <= 0) problems.push('"expireAfter" must be a number of seconds > 0');
  if (warnAfter === undefined || warnAfter <= 0) problems.push('"warnAfter" must be a number of seconds > 0');
  else if (expireAfter !== undefined && warnAfter >= expireAfter) problems.push('"warnAfter" must be below "expireAfter"');
  if (!('absoluteRemaining' in json)) problems.push('"absoluteRemaining" must be present (null when there is no absolute limit)');
  else if (absolute !== null && !(typeof absolute === 'number' && Number.isFinite(absolute) && absolute >= 0)) problems.push('"absoluteRemaining" must be null or a number of seconds ≥ 0');
  if (remaining !== undefined && expireAfter !== undefined && remaining > expireAfter + EPSILON) problems.push('"remaining" must not exceed "expireAfter"');
  if (remaining !== undefined && typeof absolute === 'number' && remaining > absolute + EPSILON) problems.push('"remaining" must not exceed "absoluteRemaining" (it is the sooner of the two ends)');
  if ('subject' in json && !(typeof json.subject === 'string' && SUBJECT.test(json.subject))) problems.push('"subject", when present, must be 1–128 printable ASCII characters');
  if ('closeAfter' in json && !((numberAt(json, 'closeAfter') ?? 0) > 0)) problems.push('"closeAfter", when present, must be a number of seconds > 0');
  const o = ctx.options;
  if (o.expireAfter !== undefined && expireAfter !== undefined && Math.abs(expireAfter - o.expireAfter) > EPSILON) problems.push(`"expireAfter" is ${expireAfter}, but --expire-after says the server is configured with ${o.expireAfter}`);
  if (o.warnAfter !== undefined && warnAfter !== undefined && Math.abs(warnAfter - o.warnAfter) > EPSILON) problems.push(`"warnAfter" is ${warnAfter}, but --warn-after says the server is configured with ${o.warnAfter}`);
  for (const problem of problems) r.fail('answer-200', `${problem}: ${answer.body}`);
  if (remaining === undefined || expireAfter === undefined || problems.length > 0) return null;
  return { remaining, expireAfter, absoluteRemaining: typeof absolute === 'number' ? absolute : null, closeAfter: numberAt(json, 'closeAfter') ?? null };
}
