/**
 * The conformance kit: checks a running server against the wire protocol (docs/protocol.md) over
 * real HTTP, rule by rule. `npx session-timeout-conformance` is its command line (cli.ts).
 *
 * @example
 * ```ts
 * import { runConformance } from './run.js'
 * const report = await runConformance({ baseUrl: 'http://127.0.0.1:3000', signIn: '/login', guarded: '/', expireAfter: 3 })
 * if (!report.passed) console.log(report.results.filter((result) => result.status === 'fail'))
 * ```
 *
 * @module
 */
import { CheckContext, now, type Alive, type ConformanceOptions } from './context.js';
import { checkNeverRevived, type IdleSession } from './expiry.js';
import { HttpClient } from './http.js';
import { readAlive } from './alive.js';
import { checkBadBodies, checkCrossSite, checkGuardedRefused, checkMethods, checkNoSession, checkTooLarge } from './probes.js';
import { Results, type RuleResult } from './results.js';
import type { RuleId } from './rules.js';
import { Session } from './session.js';
import { checkCookie, signIn, type SignedIn } from './sign-in.js';
import { checkActivityMax, checkNotActivityAndExtend, checkPassiveAndGuarded, checkPresence, stepFor } from './timing.js';

export type { ConformanceOptions } from './context.js';
export { ConnectionError } from './http.js';
export type { RuleResult, RuleStatus } from './results.js';
export { RULES, ruleLink, type Rule, type RuleId } from './rules.js';

export interface ConformanceReport {
  results: RuleResult[];
  /** Every rule checked held (skipped rules do not fail the run). */
  passed: boolean;
  /** How long the run took, seconds. */
  seconds: number;
}

/** The rules that need a live session, skipped together when there is none. */
const NEED_SESSION: readonly RuleId[] = ['answer-200', 'bad-body-400', 'cross-site-403', 'method-405', 'too-large-413', 'extend',
  'ping-not-activity', 'activity-max', 'guarded-served', 'passive', 'never-revived', 'end-reason', 'presence'];
const NEED_GUARDED: readonly RuleId[] = ['guarded-served', 'passive', 'guarded-refused'];

/**
 * Runs every rule against the server at `options.baseUrl`.
 * @throws {ConnectionError} when the server cannot be reached at all
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const started = now();
  const results = new Results();
  const http = new HttpClient(new URL(options.baseUrl));
  const ctx = new CheckContext(options, http, results);
  try {
    await check(ctx);
  } finally {
    http.close();
  }
  const list = results.list();
  return { results: list, passed: list.every((result) => result.status !== 'fail'), seconds: (now() - started) / 1000 };
}

async function check(ctx: CheckContext): Promise<void> {
  const r = ctx.results;
  const o = ctx.options;
  if (!o.guarded) for (const id of NEED_GUARDED) r.skip(id, 'no --guarded path given');

  // Three sessions with --sign-in: one for the live checks, two left idle from the start to see
  // how they end (so the whole run takes little more than expireAfter). A --cookie gives one.
  let live: Session | null = null;
  let idle: SignedIn[] = [];
  if (o.cookie) {
    live = Session.fromHeader(o.cookie);
    r.skip('sign-in', 'a --cookie was given');
    r.skip('cookie', 'a --cookie was given: the kit did not see it set');
  } else if (o.signIn) {
    const signedIn = await Promise.all([signIn(ctx), signIn(ctx), o.guarded ? signIn(ctx) : null]);
    live = signedIn[0]?.session ?? null;
    idle = signedIn.slice(1).filter((s): s is SignedIn => s !== null);
  } else {
    for (const id of ['sign-in', 'cookie', ...NEED_SESSION] as const) r.skip(id, 'no --sign-in path or --cookie given');
  }

  // At once: a session of a few seconds must not lapse before the kit has even asked.
  const first = live ? readAlive(ctx, await ctx.ping(live, { idle: 0 }), 'the first ping {"idle": 0} of a new session') : null;
  await Promise.all([checkNoSession(ctx, live), o.guarded ? checkGuardedRefused(ctx) : null]);
  if (!live) {
    for (const id of NEED_SESSION) r.skip(id, 'no live session to check with');
    return;
  }
  if (!first) {
    for (const id of NEED_SESSION) r.skip(id, 'the first ping of a new session was not a usable 200 (see answer-200)');
    return;
  }
  // Each group of probes starts from a fresh `{"idle": 0}`: a slow server or network must not let
  // a session of a few seconds lapse between them.
  const refresh = async (): Promise<void> => void (await ctx.ping(live, { idle: 0 }));
  if (!o.cookie) {
    await refresh();
    await checkCookie(ctx, live);
  }
  const step = stepFor(first.expireAfter, ctx.http.slowRoundTrip());
  // The reasons an idle session may end with: `absolute` too when that limit comes first.
  const reasons = first.absoluteRemaining !== null && first.absoluteRemaining <= first.expireAfter ? ['idle', 'absolute'] : ['idle'];
  const idleSessions = idle.map(({ session, at }): IdleSession => ({ session, lastActivityBy: at, remaining: first.expireAfter }));

  const liveChecks = async (): Promise<void> => {
    // Independent of each other, so sent together after one refresh.
    await refresh();
    await Promise.all([checkBadBodies, checkCrossSite, checkMethods, checkTooLarge].map((probe) => probe(ctx, live)));
    if (!(await checkNotActivityAndExtend(ctx, live, step))) return skipRest(ctx, 'the session ended during an earlier check');
    // Passive requests and presence are measured with pings: when pings count as activity, nothing can be.
    const pingsCount = r.failed('ping-not-activity') ? 'pings count as activity here (see ping-not-activity), so nothing else can be measured with them' : null;
    if (o.guarded) {
      if (pingsCount) for (const id of ['passive', 'guarded-served'] as const) r.skip(id, pingsCount);
      else if (!(await checkPassiveAndGuarded(ctx, live, step))) return skipRest(ctx, 'the session ended during an earlier check');
    }
    if (first.closeAfter === null) r.skip('presence', 'the server advertises no closeAfter (presence is optional)');
    else if (pingsCount) r.skip('presence', pingsCount);
    else if (!(await checkPresence(ctx, live, step))) return skipRest(ctx, 'the session ended during an earlier check');
    const last = await checkActivityMax(ctx, live, step);
    // With one session only (--cookie), it is the one waited out at the end.
    if (idleSessions.length === 0) {
      if (!last) return skipRest(ctx, 'the session ended during an earlier check');
      await checkNeverRevived(ctx, untilEnd(live, last), null, reasons);
    }
  };
  await Promise.all([
    liveChecks(),
    idleSessions.length > 0 ? checkNeverRevived(ctx, idleSessions[0]!, idleSessions[1] ?? null, reasons) : null,
  ]);
}

function untilEnd(session: Session, last: { alive: Alive; at: number }): IdleSession {
  return { session, lastActivityBy: last.at, remaining: last.alive.remaining };
}

function skipRest(ctx: CheckContext, reason: string): void {
  for (const id of ['extend', 'ping-not-activity', 'activity-max', 'guarded-served', 'passive', 'presence', 'never-revived', 'end-reason'] as const) {
    ctx.results.skip(id, reason);
  }
}
