/**
 * The checks that need no waiting: the answers without a session, and every 4xx case of the ping.
 * The 4xx probes carry a live session's cookies, so a server that checks the session first is still
 * judged on what it does with the bad request.
 *
 * @module
 */
import { isObject, type CheckContext } from './context.js';
import { ConnectionError, describe, headerOf, mediaTypeOf, type Answer } from './http.js';
import type { Session } from './session.js';
import type { RuleId } from './rules.js';

/** `401 {"expired": true, "reason": <one of reasons>}` in JSON. */
export function expectExpiredJson(ctx: CheckContext, id: RuleId, answer: Answer, reasons: readonly string[], why: string): boolean {
  if (!ctx.results.check(id, answer.status === 401, () => `${why}: ${answer.asked} answered ${describe(answer)}; expected 401`)) return false;
  const json = answer.json;
  const ok = isObject(json) && json.expired === true && reasons.includes(json.reason as string);
  ctx.results.check(id, ok && mediaTypeOf(answer) === 'application/json',
    () => `${why}: the 401 body was ${answer.body || '(empty)'} (${mediaTypeOf(answer) || 'no Content-Type'}); expected application/json {"expired": true, "reason": ${reasons.map((r) => `"${r}"`).join(' or ')}}`);
  return ok;
}

/** A ping without a session, and with the session's cookies altered: 401 missing. */
export async function checkNoSession(ctx: CheckContext, session: Session | null): Promise<void> {
  const answer = await ctx.ping(null, { idle: 0 });
  expectExpiredJson(ctx, 'no-session-401', answer, ['missing'], 'a ping without any cookie');
  if (session && !session.isEmpty) {
    const forged = await ctx.http.send({
      method: 'POST', path: ctx.pingPath, kind: 'same-origin-fetch', headers: { 'Content-Type': 'application/json' },
      body: '{"idle":0}', cookie: session.header({ tampered: true }),
    });
    ctx.expectNoStore(forged);
    expectExpiredJson(ctx, 'no-session-401', forged, ['missing'], 'a ping whose session cookie was altered (a forged or unknown session)');
  }
}

/** A guarded path without a session: refused the way each kind of request understands. */
export async function checkGuardedRefused(ctx: CheckContext): Promise<void> {
  const r = ctx.results;
  const [navigation, legacy, htmx, fetched] = await Promise.all([
    ctx.guarded(null, 'navigation'),
    ctx.guarded(null, 'legacy-navigation'),
    ctx.guarded(null, 'same-origin-fetch', { 'HX-Request': 'true' }),
    ctx.guarded(null, 'same-origin-fetch', { Accept: 'application/json' }),
  ]);
  expectRedirect(ctx, navigation, 'a page load without a session');
  r.check('guarded-refused', !/[?&]reason=/.test(headerOf(navigation, 'location') ?? ''),
    () => `a visitor who never signed in was sent to ${headerOf(navigation, 'location')}: without a session the redirect carries no reason (nobody was signed out)`);

  expectRedirect(ctx, legacy, 'a page load without fetch metadata (Accept: text/html only)');

  ctx.expectNoStoreIfRefused(htmx);
  r.check('guarded-refused', htmx.status === 200 && !!headerOf(htmx, 'hx-redirect'),
    () => `an htmx request (HX-Request: true) without a session answered ${describe(htmx)}; expected 200 with an HX-Redirect header (htmx ignores headers on 3xx)`);

  ctx.expectNoStoreIfRefused(fetched);
  expectExpiredJson(ctx, 'guarded-refused', fetched, ['missing'], 'a fetch() without a session');
}

/** `303` with a `Location`, and `no-store`. */
export function expectRedirect(ctx: CheckContext, answer: Answer, what: string): boolean {
  ctx.expectNoStoreIfRefused(answer);
  return ctx.results.check('guarded-refused', answer.status === 303 && !!headerOf(answer, 'location'),
    () => `${what} answered ${describe(answer)}; expected 303 to the sign-in page`);
}

/** Bodies the element never sends, each of which must be refused with 400. */
const BAD_BODIES: readonly [string, string][] = [
  ['idle=0', 'not JSON'],
  ['', 'an empty body'],
  ['[0]', 'a JSON array, not an object'],
  ['null', 'JSON null'],
  ['{}', '"idle" missing'],
  ['{"idle":"5"}', '"idle" a string'],
  ['{"idle":null}', '"idle" null'],
  ['{"idle":-1}', '"idle" negative'],
  ['{"idle":1e999}', '"idle" not finite (1e999)'],
];

export async function checkBadBodies(ctx: CheckContext, session: Session): Promise<void> {
  // Sent together, judged in order: the run stays short however slow each answer is.
  const answers = await Promise.all(BAD_BODIES.map(([body]) => ctx.ping(session, body)));
  for (const [i, [, what]] of BAD_BODIES.entries()) {
    const answer = answers[i]!;
    const json = answer.json;
    ctx.results.check('bad-body-400', answer.status === 400 && isObject(json) && typeof json.error === 'string',
      () => `${what}: ${answer.asked} answered ${describe(answer)}; expected 400 with JSON {"error": "..."}`);
  }
}

/** A foreign origin the kit claims to come from. */
const FOREIGN_ORIGIN = 'https://conformance-attacker.invalid';

export async function checkCrossSite(ctx: CheckContext, session: Session): Promise<void> {
  const cases: [Record<string, string>, string][] = [
    [{ Origin: FOREIGN_ORIGIN, 'Sec-Fetch-Site': 'cross-site' }, 'Origin of another site and Sec-Fetch-Site: cross-site'],
    [{ Origin: FOREIGN_ORIGIN, 'Sec-Fetch-Site': '' }, 'Origin of another site (no fetch metadata)'],
    [{ Origin: '', 'Sec-Fetch-Site': 'cross-site' }, 'Sec-Fetch-Site: cross-site (no Origin)'],
    [{ Origin: '', 'Sec-Fetch-Site': 'same-site' }, 'Sec-Fetch-Site: same-site (a sibling subdomain)'],
  ];
  const answers = await Promise.all(cases.map(([headers]) => ctx.ping(session, { idle: 0 }, headers)));
  for (const [i, [, what]] of cases.entries()) {
    const answer = answers[i]!;
    const json = answer.json;
    ctx.results.check('cross-site-403', answer.status === 403 && isObject(json) && typeof json.error === 'string',
      () => `a ping with ${what} answered ${describe(answer)}; expected 403 with JSON {"error": "..."}`);
  }
}

export async function checkMethods(ctx: CheckContext, session: Session): Promise<void> {
  const methods = ['GET', 'PUT', 'DELETE'];
  const answers = await Promise.all(methods.map((method) => method === 'GET'
    ? ctx.http.send({ method, path: ctx.pingPath, kind: 'same-origin-fetch', cookie: session.header() })
    : ctx.ping(session, { idle: 0 }, {}, method)));
  for (const [i, method] of methods.entries()) {
    const answer = answers[i]!;
    if (method === 'GET') ctx.expectNoStore(answer);
    const allow = headerOf(answer, 'allow') ?? '';
    ctx.results.check('method-405', answer.status === 405 && /(^|,)\s*POST\s*(,|$)/i.test(allow) && !/(^|,)\s*(GET|PUT|DELETE)\s*(,|$)/i.test(allow),
      () => `${method} ${ctx.pingPath} answered ${answer.status}${allow ? ` with Allow: ${allow}` : ' without Allow'}; expected 405 with Allow: POST`);
  }
}

/** A valid ping body of exactly `bytes` bytes (padded with an ignored field). */
export function bodyOfSize(bytes: number): string {
  const empty = '{"idle":0,"padding":""}';
  return `{"idle":0,"padding":"${'x'.repeat(bytes - empty.length)}"}`;
}

export async function checkTooLarge(ctx: CheckContext, session: Session): Promise<void> {
  const r = ctx.results;
  const body = bodyOfSize(1025);
  // A server may refuse a large body by closing the connection: that is this rule failing, not the run.
  const orClosed = (sending: Promise<Answer>, what: string): Promise<Answer | null> => sending.catch((error: unknown) => {
    if (!(error instanceof ConnectionError)) throw error;
    r.fail('too-large-413', `${what}: the connection closed without an answer (${error.message}); expected 413`);
    return null;
  });
  const [over, chunked, limit] = await Promise.all([
    orClosed(ctx.ping(session, body), 'a valid ping body of 1025 bytes'),
    orClosed(ctx.http.send({
      method: 'POST', path: ctx.pingPath, kind: 'same-origin-fetch', headers: { 'Content-Type': 'application/json' },
      body: { chunks: [body.slice(0, 512), body.slice(512)] }, cookie: session.header(),
    }), 'the same 1025 bytes sent chunked'),
    orClosed(ctx.ping(session, bodyOfSize(1024)), 'a valid ping body of exactly 1024 bytes'),
  ]);
  if (over) r.check('too-large-413', over.status === 413, () => `a valid ping body of 1025 bytes answered ${describe(over)}; expected 413 (the limit is 1 KiB)`);
  if (chunked) {
    ctx.expectNoStore(chunked);
    r.check('too-large-413', chunked.status === 413,
      () => `the same 1025 bytes sent chunked (no Content-Length) answered ${describe(chunked)}; expected 413: the bytes read count, not only the header`);
  }
  if (limit) r.check('too-large-413', limit.status === 200, () => `a valid ping body of exactly 1024 bytes answered ${describe(limit)}; expected 200 (only bodies over 1 KiB are refused)`);
}
