/**
 * The checks of time on one live session: the ping is never activity, `{"idle": 0}` extends,
 * `lastActivity = max(stored, now − idle)`, passive and guarded requests, presence beacons.
 *
 * Each compares `remaining` with the kit's own clock: a ping that is not activity leaves about
 * `remaining − k` after `k` seconds; one counted as activity would give back `expireAfter`. The
 * verdict sits half way between the two, so network delays far below the step never decide it.
 *
 * @module
 */
import { readAlive } from './alive.js';
import { now, s, sleep, type Alive, type CheckContext } from './context.js';
import { describe } from './http.js';
import type { Session } from './session.js';

/**
 * The wait between the pings compared (ms): a sixth of expireAfter, or more on a slow connection
 * (the verdicts tolerate half of it), at least 0.25 s, and at most a quarter of expireAfter (the
 * session must outlast two steps with room to spare) or 2 s.
 */
export function stepFor(expireAfter: number, slowRoundTrip: number): number {
  const wanted = Math.max(expireAfter * 1000 / 6, 3 * slowRoundTrip, 250);
  return Math.min(wanted, Math.max(250, expireAfter * 1000 / 4), 2000);
}

/** What the session can reach at most right now: expireAfter, or less once the absolute end is nearer. */
const fullOf = (alive: Alive): number => Math.min(alive.expireAfter, alive.absoluteRemaining ?? Infinity);

const elapsed = (since: number): number => (now() - since) / 1000;

/** A ping that is not activity, then another: `remaining` falls with the clock. Then `{"idle": 0}` extends. */
export async function checkNotActivityAndExtend(ctx: CheckContext, session: Session, step: number): Promise<boolean> {
  const r = ctx.results;
  const t0 = now();
  const base = readAlive(ctx, await ctx.ping(session, { idle: 0 }), 'a ping {"idle": 0}', 'extend');
  if (!base) return false;
  await sleep(step);
  const k1 = elapsed(t0);
  const first = readAlive(ctx, await ctx.ping(session, { idle: k1 }), `a ping {"idle": ${k1}}`, 'ping-not-activity');
  if (!first) return false;
  r.check('ping-not-activity', first.remaining <= base.remaining - k1 / 2,
    `a ping {"idle": ${k1}} sent ${s(k1)} after {"idle": 0} answered remaining ${first.remaining}; expected about ${s(base.remaining - k1)} (a ping counted as activity gives back about ${s(fullOf(first))})`);
  await sleep(step);
  const k2 = elapsed(t0);
  const second = readAlive(ctx, await ctx.ping(session, { idle: k2 }), `a ping {"idle": ${k2}}`, 'ping-not-activity');
  if (!second) return false;
  r.check('ping-not-activity', second.remaining <= first.remaining - (k2 - k1) / 2,
    `two pings reporting the same last activity, ${s(k2 - k1)} apart, answered remaining ${first.remaining} then ${second.remaining}: it must fall with time while no activity is reported`);

  const extended = readAlive(ctx, await ctx.ping(session, { idle: 0 }), 'an explicit extend {"idle": 0}', 'extend');
  if (!extended) return false;
  r.check('extend', extended.remaining >= fullOf(extended) - step / 2000,
    `{"idle": 0} after ${s(k2)} without activity answered remaining ${extended.remaining}; expected the full ${s(fullOf(extended))}: it is the user's explicit "stay signed in"`);
  return true;
}

/** A passive request is served but does not extend; an ordinary guarded request does. */
export async function checkPassiveAndGuarded(ctx: CheckContext, session: Session, step: number): Promise<boolean> {
  const r = ctx.results;
  const t0 = now();
  const base = readAlive(ctx, await ctx.ping(session, { idle: 0 }), 'a ping {"idle": 0}', 'extend');
  if (!base) return false;
  await sleep(step);
  const passive = await ctx.guarded(session, 'same-origin-fetch', { 'X-Session-Passive': '1', Accept: 'application/json' });
  r.check('passive', passive.status >= 200 && passive.status < 300,
    () => `a passive request (X-Session-Passive: 1) with a live session answered ${describe(passive)}; expected it served (2xx)`);
  const k1 = elapsed(t0);
  const afterPassive = readAlive(ctx, await ctx.ping(session, { idle: k1 }), `a ping {"idle": ${k1}} after a passive request`, 'passive');
  if (!afterPassive) return false;
  r.check('passive', afterPassive.remaining <= base.remaining - k1 / 2,
    `after a passive request (X-Session-Passive: 1), remaining was ${afterPassive.remaining}; expected about ${s(base.remaining - k1)}: the passive request extended the session`);

  const page = await ctx.guarded(session, 'navigation');
  r.check('guarded-served', page.status >= 200 && page.status < 300,
    () => `a page load of ${ctx.options.guarded} with a live session answered ${describe(page)}; expected it served (2xx)`);
  const k2 = elapsed(t0);
  const afterPage = readAlive(ctx, await ctx.ping(session, { idle: k2 }), `a ping {"idle": ${k2}} after a guarded request`, 'guarded-served');
  if (!afterPage) return false;
  r.check('guarded-served', afterPage.remaining >= fullOf(afterPage) - k2 / 2,
    `after a page load of ${ctx.options.guarded}, remaining was ${afterPage.remaining}; expected about ${s(fullOf(afterPage))}: an ordinary guarded request is activity`);
  return true;
}

/** With presence advertised: a closing beacon is a ping like any other, never activity. */
export async function checkPresence(ctx: CheckContext, session: Session, step: number): Promise<boolean> {
  const t0 = now();
  const base = readAlive(ctx, await ctx.ping(session, { idle: 0 }), 'a ping {"idle": 0}', 'extend');
  if (!base) return false;
  await sleep(step);
  const k = elapsed(t0);
  const closing = readAlive(ctx, await ctx.ping(session, { idle: k, closing: true }), `a closing beacon {"idle": ${k}, "closing": true}`, 'presence');
  if (!closing) return false;
  ctx.results.check('presence', closing.remaining <= base.remaining - k / 2,
    `a closing beacon {"idle": ${k}, "closing": true} answered remaining ${closing.remaining}; expected about ${s(base.remaining - k)}: presence never extends the idle limit`);
  return true;
}

/**
 * A long idle never moves `lastActivity` back: `{"idle": 2 × expireAfter}` and `{"idle": 1e9}` leave
 * the session as it was. Last of the live checks: a server that gets it wrong ends the session.
 * @returns the last answer and when it came, for waiting out the session afterwards
 */
export async function checkActivityMax(ctx: CheckContext, session: Session, step: number): Promise<{ alive: Alive; at: number } | null> {
  const r = ctx.results;
  const t0 = now();
  const base = readAlive(ctx, await ctx.ping(session, { idle: 0 }), 'a ping {"idle": 0}', 'extend');
  if (!base) return null;
  let last: { alive: Alive; at: number } = { alive: base, at: now() };
  for (const idle of [2 * base.expireAfter, 1e9]) {
    const alive = readAlive(ctx, await ctx.ping(session, { idle }), `a ping {"idle": ${idle}} right after {"idle": 0} (lastActivity = max(stored, now − idle))`, 'activity-max');
    if (!alive) return null;
    last = { alive, at: now() };
    const k = elapsed(t0);
    r.check('activity-max', alive.remaining >= base.remaining - k - step / 2000 && alive.remaining <= base.remaining + step / 2000,
      `a ping {"idle": ${idle}} ${s(k)} after {"idle": 0} answered remaining ${alive.remaining}; expected about ${s(base.remaining - k)}: lastActivity = max(stored, now − idle)`);
  }
  return last;
}
