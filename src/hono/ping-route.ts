import type { Context, Handler } from 'hono';

/** Marks a function as one of our ping handlers, whichever `sessionTimeout()` made it. */
const PING = Symbol('session-timeout ping handler');

/**
 * Where Hono's `app.route()` keeps the handler it wrapped, when the sub-app has its own `onError`
 * (`COMPOSED_HANDLER` in hono/utils/constants, not exported).
 */
const COMPOSED_HANDLER = '__COMPOSED_HANDLER';

type Marked = { [PING]?: true; [COMPOSED_HANDLER]?: Marked };

/** Marks `handler` as a ping, so a middleware mounted over it knows not to count the ping as activity. */
export function markAsPing<H extends Handler<any>>(handler: H): H {
  (handler as Marked)[PING] = true;
  return handler;
}

/**
 * Whether Hono routed this request to one of our pings (it is among the handlers matched for this
 * method and path, directly or wrapped by `app.route()`). Asked by the middleware: a ping reports
 * idle time and must never count as activity, in whatever order the app mounted the two.
 */
export function isRoutedToPing(c: Context): boolean {
  // `matchedRoutes` is deprecated in favour of `hono/route`, which Hono before 4.8 lacks. Should a
  // later Hono drop it, requests count as before rather than failing.
  const routes: unknown = c.req.matchedRoutes;
  if (!Array.isArray(routes)) return false;
  for (const route of routes as { handler: unknown }[]) {
    const handler = route.handler as Marked;
    if (handler[PING] === true || handler[COMPOSED_HANDLER]?.[PING] === true) return true;
  }
  return false;
}
