import type { Request as ExpressRequest } from 'express';
import { MAX_PING_BODY_BYTES, PASSIVE_HEADER } from '../hono/index.js';

/**
 * The Fetch `Request` the Hono handler sees for an Express request: its method, full URL (the mount
 * path included, as `req.originalUrl` has it) and headers. Never its body, unless given: the
 * middleware must leave the stream to the app's own body parsers.
 *
 * The URL is built as `@hono/node-server` builds it: `https` only when the socket itself is TLS,
 * the `Host` header as the authority. Forwarding headers (`X-Forwarded-Proto`…) are passed on as
 * headers, and the cookie's `secure: 'auto'` reads them there, as on Hono.
 *
 * @throws `TypeError` for a request no URL can be made of (no or a malformed `Host`), or a method
 *   Fetch refuses (`CONNECT`, `TRACE`)
 */
export function toFetchRequest(req: ExpressRequest, extra: { passive?: boolean; body?: Uint8Array<ArrayBuffer> | null } = {}): Request {
  const host = req.headers.host;
  if (!host) throw new TypeError('session-timeout: the request has no Host header');
  const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
  const url = `${tls ? 'https' : 'http'}://${host}${req.originalUrl}`;
  const headers = lazyHeaders(req.headers, extra.passive ? PASSIVE_HEADERS : null);
  const body = extra.body;
  if (body) return new Request(url, { method: req.method, headers: realHeaders(headers), body });
  return lazyRequest(url, req.method, headers);
}

/** Node's parsed request headers: lower-case names, repeated ones joined (`Cookie` with `; `), `Set-Cookie` a list. */
type NodeHeaders = ExpressRequest['headers'];

const PASSIVE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ [PASSIVE_HEADER.toLowerCase()]: '1' });

/** The real `Headers` a lazy one stands for, built on first need, and what it is built of. */
const realHeadersKey = Symbol('real headers');
const sourceKey = Symbol('node headers');
const extraKey = Symbol('extra headers');

interface LazyHeaders extends Headers {
  [realHeadersKey]: Headers | undefined;
  [sourceKey]: NodeHeaders;
  [extraKey]: Readonly<Record<string, string>> | null;
}

/** The real `Headers` of a lazy one (made now if not yet), or `headers` itself. */
function realHeaders(headers: Headers): Headers {
  const lazy = headers as LazyHeaders;
  if (!(sourceKey in lazy)) return headers;
  if (lazy[realHeadersKey]) return lazy[realHeadersKey];
  const real = new Headers();
  const source = lazy[sourceKey];
  for (const name in source) {
    const value = source[name];
    if (typeof value === 'string') real.append(name, value);
    else if (value !== undefined) for (const item of value) real.append(name, item);
  }
  for (const [name, value] of Object.entries(lazy[extraKey] ?? {})) real.set(name, value);
  return (lazy[realHeadersKey] = real);
}

/**
 * `Headers` whose `get` and `has` read Node's parsed headers as they are; anything else (iterating,
 * `set`…) builds the real `Headers` first and goes to it from then on. Building one costs more than
 * the session check's whole reading of it (undici validates every name and value), and the check
 * only asks for a few headers by name.
 */
const lazyHeadersPrototype: object = Object.create(Headers.prototype, {
  get: {
    value(this: LazyHeaders, name: string): string | null {
      if (this[realHeadersKey]) return this[realHeadersKey].get(name);
      const key = String(name).toLowerCase();
      const extra = this[extraKey]?.[key];
      if (extra !== undefined) return extra;
      const value = this[sourceKey][key];
      if (value === undefined) return null;
      return typeof value === 'string' ? value : value.join(', ');
    },
  },
  has: {
    value(this: LazyHeaders, name: string): boolean {
      return this.get(name) !== null;
    },
  },
});
for (const key of Reflect.ownKeys(Headers.prototype)) {
  if (key === 'constructor' || key === 'get' || key === 'has' || key === Symbol.toStringTag) continue;
  const descriptor = Object.getOwnPropertyDescriptor(Headers.prototype, key);
  if (typeof descriptor?.value !== 'function') continue;
  Object.defineProperty(lazyHeadersPrototype, key, {
    value(this: LazyHeaders, ...args: unknown[]) {
      const real = realHeaders(this);
      return (Reflect.get(real, key) as (...a: unknown[]) => unknown).apply(real, args);
    },
  });
}

function lazyHeaders(source: NodeHeaders, extra: Readonly<Record<string, string>> | null): Headers {
  const headers = Object.create(lazyHeadersPrototype) as LazyHeaders;
  headers[sourceKey] = source;
  headers[extraKey] = extra;
  return headers;
}

/** The real `Request` a lazy one stands for, built on first need, and what it is built of. */
const real = Symbol('real request');
const init = Symbol('request init');

interface LazyRequest extends Request {
  [real]: Request | undefined;
  [init]: { url: string; method: string; headers: Headers };
}

/**
 * A bodiless `Request` whose `url`, `method` and `headers` are plain values, the real `Request` made
 * only when something else is asked of it (`signal`, `clone()`, `text()`…). Making one costs ~12 µs
 * of CPU on Node 20 (undici's checks and its `AbortSignal`), twice what the whole session check
 * costs, and the check reads nothing else. `@hono/node-server` wraps Node's requests the same way.
 */
const lazyPrototype: object = Object.create(Request.prototype, {
  url: { get(this: LazyRequest) { return this[init].url; } },
  method: { get(this: LazyRequest) { return this[init].method; } },
  headers: { get(this: LazyRequest) { return this[init].headers; } },
});
for (const key of Reflect.ownKeys(Request.prototype)) {
  if (key === 'constructor' || key === 'url' || key === 'method' || key === 'headers' || key === Symbol.toStringTag) continue;
  Object.defineProperty(lazyPrototype, key, {
    get(this: LazyRequest) {
      const request = (this[real] ??= new Request(this[init].url, { method: this[init].method, headers: realHeaders(this[init].headers) }));
      const value: unknown = Reflect.get(request, key);
      return typeof value === 'function' ? value.bind(request) : value;
    },
  });
}

function lazyRequest(url: string, method: string, headers: Headers): Request {
  const request = Object.create(lazyPrototype) as LazyRequest;
  request[init] = { url, method, headers };
  return request;
}

/**
 * The ping's body, as bytes, reading at most one byte past {@link MAX_PING_BODY_BYTES} (the Hono
 * ping then answers `413`). A body parser mounted before the ping (e.g. `express.json()`) has
 * consumed the stream and left `req.body`: that is used instead, as text again. The bytes are always
 * handed on (never `null` for a large one): Hono's body limit then answers `413`, from the declared
 * `Content-Length` or from the bytes themselves.
 */
export async function readPingBody(req: ExpressRequest): Promise<Uint8Array<ArrayBuffer> | null> {
  const parsed: unknown = req.body;
  if (parsed !== undefined) return bodyOfParsed(parsed);
  if (req.readableEnded) return null;
  return readAtMost(req, MAX_PING_BODY_BYTES + 1);
}

/** What a body parser left in `req.body`, as the bytes of its text: a `Buffer`, a string, or JSON. */
function bodyOfParsed(parsed: unknown): Uint8Array<ArrayBuffer> {
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed);
  const text = typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  return new TextEncoder().encode(text ?? '');
}

/**
 * Up to `limit` bytes of the request's stream. Past the limit it stops listening and lets the rest
 * flow to nowhere, rather than destroying the request: its socket must still carry the `413`.
 */
function readAtMost(req: ExpressRequest, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', done);
      req.off('error', onError);
      const bytes = new Uint8Array(Math.min(size, limit));
      let offset = 0;
      for (const chunk of chunks) {
        const part = chunk.subarray(0, bytes.length - offset);
        bytes.set(part, offset);
        offset += part.length;
      }
      resolve(bytes);
    };
    const onData = (chunk: Uint8Array): void => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= limit) {
        done();
        req.resume();
      }
    };
    const onError = (error: unknown): void => {
      req.off('data', onData);
      req.off('end', done);
      reject(error);
    };
    req.on('data', onData);
    req.on('end', done);
    req.on('error', onError);
  });
}
