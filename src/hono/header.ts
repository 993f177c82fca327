import type { Context } from 'hono';

/** What `@hono/node-server` passes as `c.env`: Node's own request among it. */
interface NodeBindings {
  incoming?: { headers?: Record<string, string | string[] | undefined> };
}

/**
 * One request header (`name` in lower case), or `null`. On `@hono/node-server` it is read from
 * Node's request, whose headers are already parsed: building the Fetch `Headers` object that
 * `c.req.raw.headers` asks for costs more than everything else the middleware does per request.
 * Anywhere else, and for names Node would join differently, the standard way.
 */
export function header(c: Context, name: string): string | null {
  const headers = (c.env as NodeBindings | undefined)?.incoming?.headers;
  if (headers === undefined) return c.req.raw.headers.get(name);
  const value = headers[name];
  return value === undefined ? null : typeof value === 'string' ? value : value.join(', ');
}
