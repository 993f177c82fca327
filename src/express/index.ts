/// <reference types="node" />
/**
 * `session-timeout-element/express`: the Hono handler's server core for Express 5. Each call hands
 * the request, as a Fetch `Request`, to the very same handler (options, stores, audit hooks, failure
 * behaviour) and writes its answer back with Express's `res`: nothing of the protocol is written twice.
 * Express itself is never imported (only its types), so it stays an optional peer dependency.
 *
 * @example
 * ```ts
 * import express from 'express'
 * import { sessionTimeout } from 'session-timeout-element/express'
 *
 * const timeout = sessionTimeout({ expireAfter: 900, redirect: '/login', secret: process.env.SESSION_SECRET })
 * const app = express()
 * app.all('/session/ping', timeout.ping)      // before any body parser and before the middleware
 * app.use('/app', timeout.middleware)
 * app.post('/login', async (req, res) => { await timeout.start(req, res); res.redirect(303, '/app') })
 * app.post('/logout', async (req, res) => { await timeout.end(req, res); res.redirect(303, '/login') })
 * ```
 *
 * @module
 */
import { Readable } from 'node:stream';
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express';
import { Hono, type Context } from 'hono';
import { sessionTimeout as honoSessionTimeout, type StartOptions } from '../hono/session-timeout.js';
import type { SessionTimeoutOptions } from '../hono/options.js';
import type { SessionTimeoutState, SessionTimeoutVariables } from '../hono/state.js';

export type { SessionTimeoutOptions, StartOptions, SessionTimeoutState };
export { MemoryStore } from '../hono/store/memory.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** What the session middleware found for this request (set by `middleware`, `start` and `end`). */
    sessionTimeout?: SessionTimeoutState;
  }
}

/** What {@link sessionTimeout} returns, in Express's shapes. */
export interface ExpressSessionTimeout {
  /** Ends an idle or expired session (303 / `HX-Redirect` / 401 JSON, 503 when the store fails), else counts the request and sets `req.sessionTimeout`. */
  middleware: RequestHandler;
  /** The ping endpoint. Mount it with `app.all(path, ping)` before body parsers and before `middleware`. */
  ping: RequestHandler;
  /** Starts a session at sign-in (sets the cookie on `res`). @returns the new session's id */
  start(req: ExpressRequest, res: ExpressResponse, options?: StartOptions): Promise<string>;
  /** Ends the session at sign-out (clears the cookie on `res`); throws a 403 error for a cross-site request. */
  end(req: ExpressRequest, res: ExpressResponse): Promise<void>;
}

/** What one bridged call learns inside the Hono handler. */
interface Bridge {
  passed: boolean;
  state?: SessionTimeoutState;
  id?: string;
  error?: unknown;
}
type Env = { Bindings: { bridge: Bridge }; Variables: SessionTimeoutVariables };

/**
 * Server-side idle and absolute session expiry for Express 5, speaking the `<session-timeout>`
 * element's ping protocol. Same options, defaults and stores as `session-timeout-element/hono`.
 */
export function sessionTimeout(options: SessionTimeoutOptions): ExpressSessionTimeout {
  const timeout = honoSessionTimeout(options);

  const guard = bridgeApp();
  guard.use('*', timeout.middleware);
  guard.all('*', (c) => passed(c));

  const ping = bridgeApp();
  ping.all('*', timeout.ping);

  const starter = bridgeApp();
  starter.all('*', async (c) => {
    try {
      c.env.bridge.id = await timeout.start(c, (c.env as unknown as { startOptions?: StartOptions }).startOptions);
    } catch (error) {
      c.env.bridge.error = error;
    }
    return passed(c);
  });

  const ender = bridgeApp();
  ender.all('*', async (c) => {
    try {
      await timeout.end(c);
    } catch (error) {
      c.env.bridge.error = error;
    }
    return passed(c);
  });

  return {
    middleware(req, res, next) {
      run(guard, req, false).then(({ response, bridge }) => {
        if (bridge.state) req.sessionTimeout = bridge.state;
        if (!bridge.passed) return send(res, response);
        copyHeaders(res, response);
        next();
      }, next);
    },
    ping(req, res, next) {
      run(ping, req, true).then(({ response, bridge }) => {
        if (bridge.state) req.sessionTimeout = bridge.state;
        return send(res, response);
      }).catch(next);
    },
    async start(req, res, startOptions) {
      const { response, bridge } = await run(starter, req, false, { startOptions });
      if (bridge.error !== undefined) throw bridge.error;
      copyHeaders(res, response);
      if (bridge.state) req.sessionTimeout = bridge.state;
      return bridge.id!;
    },
    async end(req, res) {
      const { response, bridge } = await run(ender, req, false);
      // The cookie is cleared even when the store failed, as with Hono.
      copyHeaders(res, response);
      if (bridge.state) req.sessionTimeout = bridge.state;
      if (bridge.error !== undefined) throw bridge.error;
    },
  };
}

/** The handler let the request through: its headers (a cleared cookie, `no-store`…) go on Express's answer. */
function passed(c: Context<Env>): Response {
  c.env.bridge.passed = true;
  c.env.bridge.state = c.var.sessionTimeout;
  return c.body(null, 204);
}

/** Runs one Hono app of the bridge on an Express request. */
async function run(app: Hono<Env>, req: ExpressRequest, withBody: boolean, extra: object = {}): Promise<{ response: Response; bridge: Bridge }> {
  const bridge: Bridge = { passed: false };
  const response = await app.fetch(toFetchRequest(req, withBody), { bridge, ...extra });
  return { response, bridge };
}

/**
 * A Hono app of the bridge. The middleware refuses by throwing an `HTTPException` that carries the
 * finished answer (303, 401, 503): that answer is sent as is, with the state it left. Anything else
 * is rethrown, to reach Express's error handling.
 */
function bridgeApp(): Hono<Env> {
  const app = new Hono<Env>();
  app.onError((error, c) => {
    c.env.bridge.state = c.var.sessionTimeout;
    const answer = (error as { getResponse?: () => Response }).getResponse?.();
    if (answer) return answer;
    throw error;
  });
  return app;
}

/**
 * Express's request as a Fetch `Request`: the URL as the socket saw it (forwarding headers go along
 * and the handler judges them, as on any Hono server), every header, and for the ping the body stream
 * (or, when a body parser already read it, what it parsed).
 */
function toFetchRequest(req: ExpressRequest, withBody: boolean): Request {
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
  const url = `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}${req.originalUrl}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers };
  if (withBody && req.method !== 'GET' && req.method !== 'HEAD') {
    const parsed = (req as { body?: unknown }).body;
    if (req.readableEnded && parsed !== undefined) {
      // A body parser ran first: hand on what it read (the size check then sees that).
      headers.delete('content-length');
      init.body = typeof parsed === 'string' ? parsed : Buffer.isBuffer(parsed) ? new Uint8Array(parsed) : JSON.stringify(parsed);
    } else {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

/** Headers of the handler's answer onto Express's (several `Set-Cookie` kept apart). */
function copyHeaders(res: ExpressResponse, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) res.append('Set-Cookie', cookie);
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie' || name === 'content-type' || name === 'content-length') return;
    res.setHeader(name, value);
  });
}

/** The handler's whole answer, sent with Express's `res`. */
async function send(res: ExpressResponse, response: Response): Promise<void> {
  copyHeaders(res, response);
  const type = response.headers.get('content-type');
  if (type) res.setHeader('Content-Type', type);
  res.status(response.status);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.byteLength === 0) res.end();
  else res.end(body);
}

/** Express's `(req, res, next)` type, re-exported for apps that annotate. */
export type { NextFunction };
