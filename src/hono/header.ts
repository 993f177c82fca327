import type { Context } from 'hono';

/** Node's parsed request headers (`IncomingMessage.headers`). */
export type RawHeaders = Record<string, string | string[] | undefined>;

/** What `@hono/node-server` passes as `c.env`: Node's own request among it. */
interface NodeBindings {
  incoming?: { headers?: RawHeaders };
}

/**
 * The symbols under which `@hono/node-server`'s lightweight `Request` keeps the Node request it
 * wraps (`incomingKey`) and its lazily built Fetch `Headers` (`headersKey`). Not exported, so learned
 * by description from the first such request; `null` when not (yet) known, and then the standard
 * path is taken.
 */
let incomingKey: symbol | null = null;
let headersKey: symbol | null = null;
let learned = false;

/**
 * One request header (`name` in lower case), or `null`.
 *
 * On `@hono/node-server` it is read from Node's request, whose headers are already parsed: creating
 * the Fetch `Headers` that `c.req.raw.headers` asks for costs ~2 µs a request (measured with
 * `npm run bench:server`, ~6 % of the middleware's CPU). Only where that is provably the same
 * request: `c.req.raw` is the server's own wrapper *of this very* `c.env.incoming`, and its `Headers`
 * have not been created yet (once they exist the app may have changed them, and reading them costs
 * nothing more). A request made some other way — `app.fetch(new Request(…), c.env)`, a replaced
 * `c.req.raw`, any other runtime — is read the standard way.
 */
export function header(c: Context, name: string): string | null {
  const headers = nodeHeadersOf(c);
  return headers === null ? c.req.raw.headers.get(name) : joined(headers[name]);
}

/*
 * The headers read on every request, each with a property read of its own name: one `headers[name]`
 * shared by every name becomes a megamorphic lookup in V8 (five reads: ~45 ns, against 6–9 ns this
 * way, in a micro-benchmark on Node 20). Other runtimes read the Fetch `Headers` all the same.
 */

/** The `Cookie` header, as {@link header} reads it. */
export function cookieHeader(c: Context): string | null {
  const headers = nodeHeadersOf(c);
  return headers === null ? c.req.raw.headers.get('cookie') : joined(headers.cookie);
}

/** The `X-Session-Passive` header, as {@link header} reads it. */
export function passiveHeader(c: Context): string | null {
  const headers = nodeHeadersOf(c);
  return headers === null ? c.req.raw.headers.get('x-session-passive') : joined(headers['x-session-passive']);
}

/** `X-Forwarded-Proto`, `X-Forwarded-Host` and `Forwarded`, as {@link header} reads them. */
export function forwardingHeaders(c: Context): { proto: string | null; host: string | null; forwarded: string | null } {
  const headers = nodeHeadersOf(c);
  if (headers === null) {
    const fetched = c.req.raw.headers;
    return { proto: fetched.get('x-forwarded-proto'), host: fetched.get('x-forwarded-host'), forwarded: fetched.get('forwarded') };
  }
  return { proto: joined(headers['x-forwarded-proto']), host: joined(headers['x-forwarded-host']), forwarded: joined(headers.forwarded) };
}

/** A Node header value as one string: repeats joined as the Fetch `Headers` join them. */
function joined(value: string | string[] | undefined): string | null {
  return value === undefined ? null : typeof value === 'string' ? value : value.join(', ');
}

/** Node's parsed headers when they are provably this request's (see {@link header}), else `null`. */
function nodeHeadersOf(c: Context): RawHeaders | null {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  const headers = incoming?.headers; // a getter on Node's request: read once
  if (headers === undefined) return null;
  const raw = c.req.raw as unknown as Record<symbol, unknown>;
  if (!learned) learnKeys(raw);
  if (incomingKey === null || headersKey === null) return null;
  return raw[incomingKey] === incoming && raw[headersKey] === undefined ? headers : null;
}

/**
 * Learns both symbols from a request that has the server's wrapper shape. `headersKey` only exists
 * once `headers` was read, so it is read on a throwaway object of the same prototype, wrapping an
 * empty stand-in for Node's request.
 */
function learnKeys(raw: object): void {
  const key = Object.getOwnPropertySymbols(raw).find((symbol) => symbol.description === 'incomingKey');
  if (key === undefined) return; // not the server's wrapper: perhaps the next request is
  learned = true;
  try {
    const probe = Object.create(Object.getPrototypeOf(raw)) as Record<symbol, unknown> & { headers: unknown };
    probe[key] = { headers: {}, rawHeaders: [] };
    void probe.headers;
    const built = Object.getOwnPropertySymbols(probe).find((symbol) => symbol.description === 'headersKey');
    if (built !== undefined) [incomingKey, headersKey] = [key, built];
  } catch {
    // A version of the server shaped differently: keep to the standard path.
  }
}
