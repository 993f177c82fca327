import type { Context, Handler } from 'hono';
import type { PingAnswer } from '../protocol.js';
import { isCrossSite } from './request/cross-site.js';
import { bodyLimit } from 'hono/body-limit';
import { decodeUtf8, MAX_PING_BODY_BYTES, parseIdle } from './ping-body.js';
import { expiredJson, respondUnavailable } from './respond.js';
import type { Sessions } from './sessions.js';
import { NO_SESSION, liveState, type SessionTimeoutVariables } from './state.js';
import type { TouchResult } from './store/contract.js';

/**
 * The least a ping moves `lastActivity` (ms): `now − idle` wobbles by the network's delay, and a few
 * milliseconds of that must not count as the user being active (nor run `onExtend`). One second, or
 * 1 % of a shorter `expireAfter`: at worst the session ends that much early. Not for `{"idle": 0}`.
 */
export const pingMinMove = (expireAfter: number): number => Math.min(1000, expireAfter / 100);


/**
 * The keep-alive endpoint of the wire protocol (contract §2): `POST {"idle": seconds}`.
 *
 * Checks run cheapest and least revealing first: method (405), origin (403), size (413), body
 * (400); only a well-formed same-origin request reaches the store. The ping itself is not activity:
 * it moves `lastActivity` to `now − idle` at most, and never revives an ended session.
 */
export function createPing(sessions: Sessions): Handler<{ Variables: SessionTimeoutVariables }> {
  const o = sessions.options;
  const minMove = pingMinMove(o.expireAfter);

  // Hono's own body limit: the protocol's 1 KiB, by Content-Length, or by the bytes read of a chunked
  // body (never buffered past the limit). A Content-Length cannot understate a body over HTTP: the
  // server reads that many bytes and no more.
  const limitBody = bodyLimit({ maxSize: MAX_PING_BODY_BYTES, onError: (c) => c.body(null, 413) });

  return async function sessionTimeoutPing(c) {
    c.header('Cache-Control', 'no-store');
    if (c.req.method !== 'POST') {
      c.header('Allow', 'POST');
      return c.body(null, 405);
    }
    if (isCrossSite(c, o.isTrustedOrigin)) {
      return c.json({ error: 'Cross-site requests may not extend the session.' }, 403);
    }
    let answer: Response | undefined;
    const tooLarge = await limitBody(c, async () => {
      answer = await afterBodyLimit(c);
    });
    return tooLarge ?? answer!;
  };

  async function afterBodyLimit(c: Context<{ Variables: SessionTimeoutVariables }>): Promise<Response> {
    const parsed = parseIdle(decodeUtf8(await c.req.arrayBuffer()));
    if ('error' in parsed) return c.json({ error: parsed.error }, 400);

    const now = o.now();
    let id: string | undefined | null;
    let result: TouchResult;
    let activity: number;
    try {
      const read = sessions.readId(c);
      id = typeof read === 'object' && read !== null ? await read : read;
      if (!id) return missing(c, sessions);
      activity = now - parsed.idle * 1000;
      // `{"idle": 0}` is the user's explicit "stay signed in": always written, neither network wobble
      // nor a write `touchAfter` may save (the session must run from this click, to the second).
      result = await sessions.touch(c, id, now, activity, parsed.idle === 0 ? 0 : Math.max(o.touchAfter, minMove));
    } catch (error) {
      // Store down, or the app's sessionId() threw: unknown, so 503, never 401 or 500.
      sessions.reportError(error, c);
      return respondUnavailable(c);
    }

    if (result.status === 'alive') {
      // The session's own limits when it was started with some (`start(c, { expireAfter })`).
      const state = liveState(id, result.lastActivity, result.createdAt, now, sessions.limits(result.policy));
      c.set('sessionTimeout', state);
      // The store moved lastActivity to this ping's: the user was active, the session extended.
      if (result.moved) sessions.auditExtend(c, id, result.subject, result.lastActivity, state.remaining, now);
      return c.json({
        remaining: state.remaining,
        expireAfter: state.expireAfter,
        warnAfter: state.warnAfter,
        absoluteRemaining: state.absoluteRemaining,
        ...(result.subject === undefined ? {} : { subject: result.subject }),
      } satisfies PingAnswer);
    }
    if (result.status === 'missing') return missing(c, sessions);
    try {
      await sessions.end(c, id, result);
    } catch (error) {
      // onEnd threw: the session stays ended, and the next request runs onEnd again.
      sessions.reportError(error, c);
      return respondUnavailable(c);
    }
    return expiredJson(c, result.reason);
  }
}

/** No session, or one long forgotten: `401 missing`, and the dead cookie (if any) cleared. */
function missing(c: Context, sessions: Sessions): Response {
  c.set('sessionTimeout', NO_SESSION);
  sessions.cookie?.clearPresented(c);
  return expiredJson(c, 'missing');
}
