/**
 * An idle session ends at its deadline and stays ended: whatever comes first after the deadline
 * (a ping `{"idle": 0}`, or a page load, which is activity) is refused, and so is everything after.
 *
 * @module
 */
import { isRefusal, now, s, sleep, type CheckContext } from './context.js';
import { describe, headerOf } from './http.js';
import { expectExpiredJson } from './probes.js';
import type { Session } from './session.js';

/** A session left idle, and the kit's time (ms) by which its server had last seen activity. */
export interface IdleSession {
  session: Session;
  /** Local time (ms, `now()`) at or after the session's last activity on the server. */
  lastActivityBy: number;
  /** Seconds of idle after which it ends (its `remaining` when measured at `lastActivityBy`). */
  remaining: number;
}

/** How long past a deadline the kit waits (ms): the server's clock may tick a little later than ours. */
const marginFor = (expireAfter: number): number => 300 + expireAfter * 20;

/** The reasons an idle session may end with: `idle`, or `absolute` when that limit came first. */
type Reasons = readonly string[];

/** Waits out `idle` and checks the first request after it is a ping `{"idle": 0}`; then more. */
async function endedViaPing(ctx: CheckContext, idle: IdleSession, reasons: Reasons): Promise<void> {
  const r = ctx.results;
  const first = await ctx.ping(idle.session, { idle: 0 });
  const idleFor = (now() - idle.lastActivityBy) / 1000;
  const ok = expectExpiredJson(ctx, 'never-revived', first, ['idle', 'absolute', 'missing'],
    `${s(idleFor)} after its last activity (it had ${s(idle.remaining)} left), a ping {"idle": 0} must find the session ended, not revive it`);
  if (ok) {
    const reason = (first.json as { reason: string }).reason;
    r.check('end-reason', reasons.includes(reason), `the first ping after an idle end answered reason "${reason}"; expected "${reasons.join('" or "')}", so the page can say why the user was signed out`);
  }
  const again = await ctx.ping(idle.session, { idle: 0 });
  expectExpiredJson(ctx, 'never-revived', again, ['idle', 'absolute', 'missing'], 'a second ping {"idle": 0} with the ended session\'s cookie');
  if (ctx.options.guarded) {
    const fetched = await ctx.guarded(idle.session, 'same-origin-fetch', { Accept: 'application/json' });
    ctx.expectNoStoreIfRefused(fetched);
    expectExpiredJson(ctx, 'never-revived', fetched, ['idle', 'absolute', 'missing'], `a fetch() of ${ctx.options.guarded} with the ended session's cookie`);
  }
}

/** Waits out `idle` and checks the first request after it is a page load of the guarded path. */
async function endedViaGuarded(ctx: CheckContext, idle: IdleSession, reasons: Reasons): Promise<void> {
  const r = ctx.results;
  const page = await ctx.guarded(idle.session, 'navigation');
  ctx.expectNoStoreIfRefused(page);
  const location = headerOf(page, 'location');
  const idleFor = (now() - idle.lastActivityBy) / 1000;
  // Refused in any shape holds this rule; the shape (303 for a page load) is guarded-refused's.
  const refused = r.check('never-revived', isRefusal(page),
    () => `${s(idleFor)} after its last activity (it had ${s(idle.remaining)} left), a page load of ${ctx.options.guarded} answered ${describe(page)}; a request after the deadline must be refused, not revive the session`);
  if (refused && page.status === 303 && location) {
    const reason = new URL(location, ctx.http.base).searchParams.get('reason');
    r.check('end-reason', reasons.includes(reason ?? ''), `the page load after an idle end was sent to ${location}; expected reason=${reasons.join(' or reason=')} in its query`);
  }
  if (refused) {
    r.check('guarded-refused', page.status === 303 && !!location,
      () => `a page load with a session that had ended answered ${describe(page)}; expected 303 to the sign-in page`);
  }
  const ping = await ctx.ping(idle.session, { idle: 0 });
  expectExpiredJson(ctx, 'never-revived', ping, ['idle', 'absolute', 'missing'], 'a ping {"idle": 0} after the refused page load');
}

/**
 * Waits until both sessions are past their deadline (unless that is longer than `--max-wait`), then
 * checks one by a ping first and the other by a page load first.
 */
export async function checkNeverRevived(ctx: CheckContext, viaPing: IdleSession, viaGuarded: IdleSession | null, reasons: Reasons): Promise<void> {
  const r = ctx.results;
  const maxWait = ctx.options.maxWait ?? 60;
  const sessions = [viaPing, ...(viaGuarded ? [viaGuarded] : [])];
  const deadline = Math.max(...sessions.map((idle) => idle.lastActivityBy + idle.remaining * 1000 + marginFor(idle.remaining)));
  const wait = (deadline - now()) / 1000;
  if (wait > maxWait) {
    const why = `the session would take ${s(wait)} to end, more than --max-wait ${maxWait}: run the server with a short expireAfter (e.g. 3 s) for the kit`;
    for (const id of ['never-revived', 'end-reason'] as const) r.skip(id, why);
    return;
  }
  await sleep(deadline - now());
  await Promise.all([endedViaPing(ctx, viaPing, reasons), viaGuarded ? endedViaGuarded(ctx, viaGuarded, reasons) : null]);
}
