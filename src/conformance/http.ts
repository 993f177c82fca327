/// <reference types="node" />
/**
 * The kit's HTTP client. Node's own `http`/`https` rather than `fetch`: Node's fetch (undici) sets
 * `Sec-Fetch-Mode: cors` on every request, over whatever the caller asked, so it cannot send the
 * navigation or header-less requests a browser sends and the protocol tells apart.
 *
 * @module
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One answer, read whole (the kit's answers are small). */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, `undefined` when it is not JSON. */
  json: unknown;
  /** What was asked, for messages: e.g. `POST /session/ping {"idle":0}`. */
  asked: string;
}

/** The kinds of request a browser makes, each with the headers it would send. */
export type RequestKind =
  /** `fetch()` from the page itself: the element's ping, or the app's own script. */
  | 'same-origin-fetch'
  /** A top-level page load (a link, a typed address, a form). */
  | 'navigation'
  /** A page load from a browser too old for fetch metadata: only `Accept: text/html`. */
  | 'legacy-navigation'
  /** Exactly the headers given, nothing a browser would add. */
  | 'bare';

export interface Ask {
  method?: string;
  path: string;
  kind: RequestKind;
  /** Extra headers, applied last (so they may replace the kind's; `''` removes one). */
  headers?: Record<string, string>;
  /** Text, or chunks sent without `Content-Length` (chunked). */
  body?: string | { chunks: string[] };
  /** The `Cookie` header, or none. */
  cookie?: string | null;
}

/** The server could not be reached, or did not answer in time. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

/** Seconds before a request is given up. */
const REQUEST_TIMEOUT = 10;

export class HttpClient {
  readonly base: URL;
  readonly origin: string;
  readonly #agent: HttpAgent;
  /** How long each answer took (ms), in order: the timing checks size their waits by it. */
  readonly roundTrips: number[] = [];

  constructor(base: URL) {
    this.base = base;
    this.origin = base.origin;
    // Our own agent: the sockets it keeps open are closed by `close()`, so the command exits at once.
    this.#agent = base.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  /** The headers a browser sends for `kind` on this origin. */
  headersFor(kind: RequestKind): Record<string, string> {
    switch (kind) {
      case 'same-origin-fetch':
        return { Accept: '*/*', Origin: this.origin, 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' };
      case 'navigation':
        return { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-User': '?1' };
      case 'legacy-navigation':
        return { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };
      case 'bare':
        return {};
    }
  }

  send(ask: Ask): Promise<Answer> {
    return this.#send(ask);
  }

  #send(ask: Ask): Promise<Answer> {
    const url = new URL(ask.path, this.base);
    const method = ask.method ?? 'GET';
    // A header given as '' leaves the kind's default out (e.g. a cross-site request with no Origin).
    const headers: Record<string, string> = Object.fromEntries(
      Object.entries({ 'User-Agent': 'session-timeout-conformance', ...this.headersFor(ask.kind), ...ask.headers }).filter(([, value]) => value !== ''),
    );
    if (ask.cookie) headers.Cookie = ask.cookie;
    const body = ask.body;
    if (typeof body === 'string') headers['Content-Length'] = String(Buffer.byteLength(body));
    const shown = typeof body === 'string' ? (body.length > 60 ? ` (${Buffer.byteLength(body)}-byte body)` : ` ${body}`) : body ? ' (chunked body)' : '';
    const asked = `${method} ${url.pathname}${url.search}${shown}`;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

    const sent = performance.now();
    return new Promise<Answer>((resolve, reject) => {
      const request = send(url, { method, headers, agent: this.#agent, timeout: REQUEST_TIMEOUT * 1000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(new ConnectionError(`${asked}: ${error.message}`)));
        response.on('end', () => {
          this.roundTrips.push(performance.now() - sent);
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, json, asked });
        });
      });
      request.on('timeout', () => request.destroy(new Error(`no answer in ${REQUEST_TIMEOUT} s`)));
      request.on('error', (error) => {
        // A kept-alive socket the server closed (its keep-alive timeout) just as this request went out
        // on it: the server never read the request, so it is sent again (as Node's documentation of
        // `reusedSocket` advises). Again, not once more: the agent may hand out another kept-alive
        // socket the server closed at the same moment (requests sent side by side left several), and
        // each such failure takes one out of the pool, so a fresh socket comes at last. What fails on
        // a fresh socket is the server's answer.
        if (request.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
          return resolve(this.#send(ask));
        }
        // (A server may answer 413 and close before reading the whole body: checkTooLarge reads that.)
        reject(new ConnectionError(`${asked}: ${error.message}`));
      });
      if (typeof body === 'string') request.end(body);
      else if (body) {
        for (const chunk of body.chunks) request.write(chunk);
        request.end();
      } else request.end();
    });
  }

  /** The round trip (ms) that 90 % of the answers so far took at most. */
  slowRoundTrip(): number {
    const sorted = [...this.roundTrips].sort((a, b) => a - b);
    return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
  }

  /** Closes the sockets kept open between requests. */
  close(): void {
    this.#agent.destroy();
  }
}

/** One response header as a single string, or `null`. */
export function headerOf(answer: Answer, name: string): string | null {
  const value = answer.headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** The `Set-Cookie` lines of an answer. */
export function setCookiesOf(answer: Answer): string[] {
  const value = answer.headers['set-cookie'];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Whether the answer says `Cache-Control: no-store`. */
export function hasNoStore(answer: Answer): boolean {
  return /(^|,)\s*no-store\s*(,|$)/i.test(headerOf(answer, 'cache-control') ?? '');
}

/** The media type of the answer, lower case, without parameters. */
export function mediaTypeOf(answer: Answer): string {
  return (headerOf(answer, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A short view of an answer for a failure message. */
export function describe(answer: Answer): string {
  const location = headerOf(answer, 'location');
  const body = answer.body.length > 120 ? `${answer.body.slice(0, 117)}...` : answer.body;
  return `${answer.status}${location ? ` to ${location}` : ''}${body ? ` ${body.replace(/\s+/g, ' ')}` : ''}`;
}
