/**
 * What every check shares: the options, the client, the results, and the requests of the protocol
 * as the element and a browser make them.
 *
 * @module
 */
import { hasNoStore, headerOf, type Answer, type HttpClient, type RequestKind } from './http.js';
import type { Results } from './results.js';
import type { Session } from './session.js';

export interface ConformanceOptions {
  /** The server's origin (and optional base path), e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** The ping endpoint's path. Default `/session/ping`. */
  ping?: string;
  /** A path behind the server's session middleware, served to a signed-in GET. */
  guarded?: string;
  /** A path that starts a session on `POST` (a form with `username` and `password`). */
  signIn?: string;
  /** A `Cookie` header of a live session (`name=value`), instead of `signIn`. */
  cookie?: string;
  /** The server's configured idle limit, seconds: checked against its answers. */
  expireAfter?: number;
  /** The server's configured warning point, seconds: checked against its answers. */
  warnAfter?: number;
  /** The longest the kit waits for a session to end, seconds. Default 60. */
  maxWait?: number;
}

/** The 200 answer's fields the timing checks read. */
export interface Alive {
  remaining: number;
  expireAfter: number;
  absoluteRemaining: number | null;
  closeAfter: number | null;
}

export const now = (): number => performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The shape of a ping body the element sends; a string is sent as it is. */
export type PingBody = { idle: number; closing?: boolean } | string;

export class CheckContext {
  readonly pingPath: string;

  constructor(
    readonly options: ConformanceOptions,
    readonly http: HttpClient,
    readonly results: Results,
  ) {
    this.pingPath = options.ping ?? '/session/ping';
  }

  /**
   * `POST <ping>` as the element sends it (JSON, same-origin, the session's cookies), with `headers`
   * replacing the defaults (`{ Origin: '' }` leaves one out). Every answer must say `no-store`.
   */
  async ping(session: Session | null, body: PingBody, headers: Record<string, string> = {}, method = 'POST'): Promise<Answer> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const answer = await this.http.send({
      method,
      path: this.pingPath,
      kind: 'same-origin-fetch',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: text,
      cookie: session?.header() ?? null,
    });
    this.expectNoStore(answer);
    return answer;
  }

  /** `GET <guarded>` as a browser sends it for `kind`. */
  guarded(session: Session | null, kind: RequestKind, headers: Record<string, string> = {}): Promise<Answer> {
    return this.http.send({ path: this.options.guarded!, kind, headers, cookie: session?.header() ?? null });
  }

  /**
   * The `no-store` rule: one failure per answer that lacks it. A `404` is left out: it says the path
   * has no route at all (the `405` rule reports that), not how the ping answers.
   */
  expectNoStore(answer: Answer): void {
    if (answer.status === 404) return;
    this.results.check('no-store', hasNoStore(answer), () => `${answer.asked} answered ${answer.status} without Cache-Control: no-store`);
  }

  /** `no-store` on a guarded request's answer when it is a refusal (a page the app serves is its own business). */
  expectNoStoreIfRefused(answer: Answer): void {
    if (isRefusal(answer)) this.expectNoStore(answer);
  }
}

/** A guarded request's answer that refuses it: `303`, `401`, or htmx's `HX-Redirect`. */
export function isRefusal(answer: Answer): boolean {
  return answer.status === 303 || answer.status === 401 || headerOf(answer, 'hx-redirect') !== null;
}

/** The number at `key` of a JSON object, or `undefined`. */
export function numberAt(json: unknown, key: string): number | undefined {
  const value = isObject(json) ? json[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seconds shown in messages: two decimals. */
export const s = (seconds: number): string => `${Math.round(seconds * 100) / 100} s`;
