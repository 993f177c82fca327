import type { NextFunction, Request, Response } from 'express';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { sessionTimeout as honoSessionTimeout, type SessionTimeoutState, type SessionTimeoutVariables, type StartOptions } from '../hono/index.js';
import { readPingBody, toFetchRequest } from './fetch-request.js';
import { toHonoOptions, type SessionTimeoutOptions } from './options.js';
import { copyHeaders, send } from './respond.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /**
       * What `session-timeout-element/express` found for this request (set by its middleware, ping,
       * `start` and `end`): check `id` (or `expired`) before trusting the session.
       */
      sessionTimeout?: SessionTimeoutState;
    }
  }
}

/** An Express request handler: `(req, res, next)`. */
export type ExpressHandler = (req: Request, res: Response, next: NextFunction) => void;

/** What {@link sessionTimeout} returns: mount `ping` and `middleware`, call `start` and `end`. */
export interface SessionTimeout {
  /**
   * Checks the session on every request it is mounted on: ends it (`303` to `redirect` for a
   * navigation, `HX-Redirect` for htmx, else `401` JSON) once idle or past its absolute limit,
   * otherwise counts the request as activity (unless passive), sets `req.sessionTimeout` and calls
   * `next()`. Answers `503` with `Retry-After` when the store fails. Never reads the request body.
   */
  middleware: ExpressHandler;
  /**
   * The keep-alive endpoint the `<session-timeout>` element posts `{"idle": seconds}` to: mount it
   * with `app.post(path, ping)` (or `app.all` to answer other methods `405`), *before* the middleware
   * if that is mounted over its path: a ping reports idle time and is never activity. A body parser
   * mounted before it is fine (`req.body` is read then).
   */
  ping: ExpressHandler;
  /**
   * Begins a session, at login: a fresh random id in a new signed cookie on `res`, the request's
   * previous session (if any) deleted; with `sessionId`, `options.id` or `sessionId(req)` is
   * registered. Sets `req.sessionTimeout`.
   * @returns the new session's id
   * @throws `TypeError` for a bad `subject` or duration (nothing stored)
   * @throws {@link SessionTimeoutHttpError} `503` (with `Retry-After`) when the store fails: the login
   *   fails rather than starting an unguarded session; Express answers it with its status and headers
   */
  start(req: Request, res: Response, options?: StartOptions | string): Promise<string>;
  /**
   * Ends the session, at logout: deletes it from the store and clears our cookie on `res` (with
   * `clearSiteData`, also `Clear-Site-Data: "cookies"`). With `sessionId`, the id is `id` or `sessionId(req)`.
   * @throws {@link SessionTimeoutHttpError} `403`, having changed nothing, for a cross-site request
   * @throws the store's error when it fails; the cookie is cleared on `res` all the same
   */
  end(req: Request, res: Response, id?: string): Promise<void>;
}

/**
 * A refusal of `start` (`503`, the store failed) or `end` (`403`, cross-site), in the shape Express's
 * error handling reads: `status`, `headers` (e.g. `Retry-After`) and `expose`. `response` is the
 * answer the Hono handler would send, JSON body included, for an error handler that wants to send it.
 */
export class SessionTimeoutHttpError extends Error {
  readonly status: number;
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly expose = true;
  readonly response: globalThis.Response;
  constructor(exception: HTTPException) {
    super(exception.message, { cause: exception.cause ?? exception });
    this.name = 'SessionTimeoutHttpError';
    this.response = exception.getResponse();
    this.status = this.statusCode = this.response.status;
    this.headers = Object.fromEntries([...this.response.headers].filter(([name]) => name !== 'content-type' && name !== 'content-length'));
  }
}

/** What one Hono run of the adapter is asked to do and what it found: its `c.env`. */
interface Run {
  req: Request;
  op: 'middleware' | 'ping' | 'start' | 'end';
  startOptions?: StartOptions | string | undefined;
  endId?: string | undefined;
  /** `c.var.sessionTimeout` once the handler is done (or has refused). */
  state?: SessionTimeoutState;
  /** The middleware called `next()`: the request may go on. */
  passed?: boolean;
  /** What the handler threw: a refusal (`HTTPException`) or a failure. */
  error?: unknown;
  /** The id `start` returned. */
  id?: string;
}

/** How many ping paths a handler remembers (see `pingPaths`). */
const MAX_PING_PATHS = 64;

/** Bindings left untyped (`c.env` is read as a {@link Run}): the core's handlers take a context of these variables only. */
type Env = { Variables: SessionTimeoutVariables };

const runOf = (c: Context<Env>): Run => c.env as Run;

/**
 * Server-side idle and absolute session expiry for Express 5, speaking the `<session-timeout>`
 * element's protocol. The Hono handler does the work (same options, stores, audit hooks and
 * answers): each request is handed to it as a Fetch `Request`, and its answer written back. Options
 * are validated here, once: a bad one throws at start-up.
 *
 * @example
 * ```ts
 * import express from 'express'
 * import { sessionTimeout } from 'session-timeout-element/express'
 *
 * const timeout = sessionTimeout({ expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET })
 * const app = express()
 * app.post('/session/ping', timeout.ping)
 * app.use('/app', timeout.middleware)
 * app.post('/login', async (req, res) => { await timeout.start(req, res); res.redirect(303, '/app') })
 * app.post('/logout', async (req, res) => { await timeout.end(req, res); res.redirect(303, '/login') })
 * ```
 */
export function sessionTimeout(options: SessionTimeoutOptions): SessionTimeout {
  const core = honoSessionTimeout(toHonoOptions(options));

  /**
   * Paths a ping answered on: a POST there is the ping, which the middleware checks but never counts.
   * Bounded: a ping mounted on a pattern (`/t/:tenant/ping`) must not let requests grow it without end.
   */
  const pingPaths = new Set<string>();
  /** Warned once per handler: a ping the middleware may have counted as activity. */
  let warnedPingOrder = false;

  const passMiddleware = async (): Promise<void> => {};
  const noNext = async (): Promise<void> => {};

  // One Hono app per handler, its one route running what the Express side asked for.
  const app = new Hono<Env>();
  app.onError((error, c) => {
    const run = runOf(c);
    run.error = error;
    run.state = c.get('sessionTimeout');
    // The headers set before the failure (a cleared cookie) are kept on this answer.
    return c.body(null, 500);
  });
  app.all('*', async (c: Context<Env>) => {
    const run = runOf(c);
    switch (run.op) {
      case 'middleware': {
        await core.middleware(c, passMiddleware);
        run.passed = true;
        break;
      }
      case 'ping': {
        const answer = await core.ping(c, noNext);
        run.state = c.get('sessionTimeout');
        return answer as globalThis.Response;
      }
      case 'start':
        run.id = await core.start(c, run.startOptions);
        break;
      case 'end':
        await core.end(c, run.endId);
        break;
    }
    run.state = c.get('sessionTimeout');
    return c.body(null, 204);
  });

  const perform = async (run: Run, request: globalThis.Request): Promise<globalThis.Response> => {
    const answer = await app.fetch(request, run);
    if (run.state !== undefined) run.req.sessionTimeout = run.state;
    return answer;
  };

  /** `start`/`end`: headers onto `res`, then a refusal as an Express error, anything else as thrown. */
  const settle = (res: Response, run: Run, answer: globalThis.Response): void => {
    copyHeaders(res, answer);
    if (run.error === undefined) return;
    throw run.error instanceof HTTPException ? new SessionTimeoutHttpError(run.error) : run.error;
  };

  return {
    middleware(req, res, next) {
      let request: globalThis.Request;
      try {
        request = toFetchRequest(req, { passive: req.method === 'POST' && pingPaths.has(pathOf(req)) });
      } catch {
        res.status(400).json({ error: 'Bad request: no Host header, or a method not supported here.' });
        return;
      }
      const run: Run = { req, op: 'middleware' };
      // `then(ok, failed)`, not `.catch`: an error thrown downstream of next() is Express's, not ours to pass on again.
      perform(run, request).then((answer) => {
        if (run.passed) {
          copyHeaders(res, answer);
          next();
        } else if (run.error instanceof HTTPException) {
          // Refused (ended, none, or the store failed): the Hono handler's own answer, as is.
          send(res, run.error.getResponse()).catch(next);
        } else {
          // Fail closed: a check that neither passed nor refused lets nothing through.
          next(run.error ?? new Error('session-timeout: the session check neither passed nor refused the request'));
        }
      }, next);
    },

    ping(req, res, next) {
      const path = pathOf(req);
      if (pingPaths.size < MAX_PING_PATHS) pingPaths.add(path);
      // Only our middleware (or start) sets it before the ping does: the middleware ran first.
      if (req.sessionTimeout !== undefined && !warnedPingOrder) {
        warnedPingOrder = true;
        console.error(
          `[session-timeout] the ping at ${path} ran after the middleware, which counted it as activity: ` +
            'mount app.post(path, timeout.ping) before app.use(timeout.middleware). From now on this path is not counted.',
        );
      }
      const run: Run = { req, op: 'ping' };
      (req.method === 'POST' ? readPingBody(req) : Promise.resolve(null))
        .then((body) => perform(run, toFetchRequest(req, { body })))
        .then((answer) => (run.error === undefined ? send(res, answer) : next(run.error)))
        .catch(next);
    },

    async start(req, res, options) {
      const run: Run = { req, op: 'start', startOptions: options };
      settle(res, run, await perform(run, toFetchRequest(req)));
      return run.id as string;
    },

    async end(req, res, id) {
      const run: Run = { req, op: 'end', endId: id };
      settle(res, run, await perform(run, toFetchRequest(req)));
    },
  };
}

/** The request's full path (mount path included), without the query. */
function pathOf(req: Request): string {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
