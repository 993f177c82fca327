// A fake ping endpoint (contract §2) for the browser tests, as web-test-runner (Koa) middleware.
//
//   POST   /fake-ping/<id>?respond=alive&remaining=42   answer as told (see below) and record the request
//   PUT    /fake-ping/<id>   body: [{ respond, remaining, reason, delay }, …]  script the next answers
//                            (one per POST, the last one repeats); replaces the query's answer
//   GET    /fake-ping/<id>   → { requests: [{ method, body, contentType, at }] }
//   DELETE /fake-ping/<id>   forget requests and script
//
// respond: alive (200 with remaining — default expireAfter less the idle reported — expireAfter/warnAfter/absoluteRemaining), expired (401 with reason),
// error (500), unavailable (503 + Retry-After), garbage (200 that is not JSON), drop (the socket is
// destroyed: a network error in the browser). delay: milliseconds to wait before answering.
// Each test uses its own <id>, so tests never see each other's requests; and everything here is kept
// per engine (by User-Agent): the three engines run the same test files side by side.

import { existsSync } from 'node:fs';

/** Which engine asks: each sends its own User-Agent on every request, module imports included. */
const engineOf = (context) => context.get('User-Agent');

const sessions = new Map();
const session = (key) => {
  if (!sessions.has(key)) sessions.set(key, { requests: [], script: [] });
  return sessions.get(key);
};

const readBody = (req) =>
  new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

const json = (context, status, body) => {
  context.status = status;
  context.set('Cache-Control', 'no-store');
  context.type = 'application/json';
  context.body = JSON.stringify(body);
};

/**
 * A module made unavailable, for the tests of the view's chunk (one test file at a time in each
 * engine, so a path set here is nobody else's in that engine):
 *
 *   PUT    /fake-chunk   body: { path, script: ['404' | '500' | 'hang' | 'ok', …] }   one answer per
 *                        request for `path` (any query), the last one repeats
 *   GET    /fake-chunk   → { requests }   how many requests for `path` were made
 *   DELETE /fake-chunk   forget it; hanging requests get a 404
 *
 * And, as a dev server or the built files do: `/src/x.js` (a runtime URL, e.g. the view fetched
 * afresh under a query) is served from `src/x.ts`.
 */
/** Per engine: the module made unavailable (`{ path, script, requests }`) and its hanging requests. */
const chunks = new Map();
const VIEW_MODULE = '/src/element/warning-view.ts';

async function fakeChunk(context, next) {
  const engine = engineOf(context);
  if (!chunks.has(engine)) chunks.set(engine, { chunk: null, hanging: new Set() });
  const state = chunks.get(engine);
  if (context.path === '/fake-chunk') {
    if (context.method === 'PUT') state.chunk = { ...JSON.parse(await readBody(context.req)), requests: 0 };
    if (context.method === 'DELETE') {
      state.chunk = null;
      for (const release of state.hanging) release();
      state.hanging.clear();
    }
    return json(context, 200, { requests: state.chunk?.requests ?? 0 });
  }
  const { chunk, hanging } = state;
  if (/^\/src\/[\w/-]+\.js$/.test(context.path) && existsSync(`.${context.path.replace(/\.js$/, '.ts')}`)) {
    context.path = context.path.replace(/\.js$/, '.ts');
  }
  if (!chunk || context.path !== chunk.path) {
    await next();
    if (context.path == VIEW_MODULE) {
      // Never from the browser's cache (WebKit would serve it to a later test file that makes it
      // unavailable): web-test-runner's cache middleware, around this one, marks every path with an
      // extension cacheable for a year once the answer is made, so the path loses its extension.
      context.set('Cache-Control', 'no-store');
      context.path = VIEW_MODULE.replace(/\.ts$/, '');
    }
    return;
  }
  chunk.requests++;
  const plan = chunk.script.length > 1 ? chunk.script.shift() : chunk.script[0];
  if (plan === 'hang') await new Promise((resolve) => hanging.add(resolve));
  if (plan === '404' || plan === 'hang') return void (context.status = 404);
  if (plan === '500') return json(context, 500, { error: 'boom' });
  context.set('Cache-Control', 'no-store');
  return next();
}

export async function fakeServer(context, next) {
  if (context.path === '/fake-chunk' || context.path.startsWith('/src/')) return fakeChunk(context, next);
  const match = /^\/fake-ping\/([\w-]+)$/.exec(context.path);
  if (!match) return next();
  const key = `${engineOf(context)} ${match[1]}`;
  const state = session(key);

  if (context.method === 'GET') return json(context, 200, { requests: state.requests });
  if (context.method === 'DELETE') {
    sessions.delete(key);
    return json(context, 200, {});
  }
  if (context.method === 'PUT') {
    state.script = JSON.parse(await readBody(context.req));
    return json(context, 200, {});
  }
  if (context.method !== 'POST') {
    context.set('Allow', 'POST');
    context.status = 405;
    return;
  }

  const text = await readBody(context.req);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  state.requests.push({ method: context.method, body, contentType: context.get('Content-Type'), passive: context.get('X-Session-Passive'), csrf: context.get('X-CSRF-Token'), at: Date.now() });

  const plan = (state.script.length > 1 ? state.script.shift() : state.script[0]) ?? context.query;
  const delay = Number(plan.delay ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

  switch (plan.respond ?? 'alive') {
    case 'alive': {
      const expireAfter = Number(plan.expireAfter ?? 600);
      return json(context, 200, {
        // Like a real server: what is left of the limit after the idle time reported.
        remaining: Number(plan.remaining ?? Math.max(0, expireAfter - (Number(body?.idle) || 0))),
        expireAfter,
        warnAfter: Number(plan.warnAfter ?? expireAfter - 60),
        absoluteRemaining: plan.absoluteRemaining == null ? null : Number(plan.absoluteRemaining),
        ...(plan.subject === undefined ? {} : { subject: plan.subject }),
        // Presence: a number from the query; scripted, the JSON value as it is (malformed ones too).
        ...(plan.closeAfter === undefined ? {} : { closeAfter: plan === context.query ? Number(plan.closeAfter) : plan.closeAfter }),
      });
    }
    case 'expired':
      return json(context, 401, { expired: true, reason: plan.reason ?? 'idle' });
    case 'error':
      return json(context, 500, { error: 'boom' });
    case 'unavailable':
      context.set('Retry-After', '5');
      return json(context, 503, { error: 'store unreachable' });
    case 'garbage':
      context.status = 200;
      context.type = 'text/plain';
      context.body = 'not json';
      return;
    case 'drop':
      // Tell Koa not to answer, then cut the connection: the browser sees a network error.
      context.status = 204; // for the dev server's log only: nothing is sent
      context.respond = false;
      context.req.socket.destroy();
      return;
    default:
      return json(context, 400, { error: `unknown respond=${plan.respond}` });
  }
}
