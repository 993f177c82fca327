import type { Context } from 'hono';

/**
 * One request header (`name` in lower case), or `null`: the Fetch request's own `Headers`, on every
 * runtime. (On `@hono/node-server` this builds the Fetch `Headers` once per request, ~2 µs; reading
 * Node's parsed headers instead would need the server's private symbols, which never ship.)
 */
export function header(c: Context, name: string): string | null {
  return c.req.raw.headers.get(name);
}
