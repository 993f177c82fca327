import type { Context } from 'hono';
import { defaultWarnAfter } from '../protocol.js';
import type { SessionStore } from './store/contract.js';
import { HookError, type AuditEndReason, type SessionAuditInfo, type SessionExtendInfo, type SessionStartInfo } from './audit.js';
import { MemoryStore } from './store/memory.js';
import { isSessionStore, MIN_SECRET_LENGTH, perRequestStore, toSecretList } from './per-request.js';
import { toPassiveTest, type PassiveOption } from './request/passive.js';

export type { PassiveOption };
import { hasControlCharacter, toRedirectTo, type NoSessionReason, type RedirectTo } from './respond.js';

/** Which `Origin` values the ping accepts: see {@link SessionTimeoutOptions.origin}. */
export type OriginOption = string | readonly string[] | ((origin: string, c: Context) => boolean);

/**
 * Where sessions live: a store, or a function building one from the request context, for runtimes
 * whose bindings exist only per request (Workers: `(c) => new DurableObjectStore(c.env.SESSIONS)`).
 */
export type StoreOption = SessionStore | ((c: Context) => SessionStore);

/**
 * The cookie's signing secret: one, a rotation list (the first signs, all verify), or a function
 * returning either from the request context (Workers: `(c) => c.env.SESSION_SECRET`).
 */
export type SecretOption = string | readonly string[] | ((c: Context) => string | readonly string[] | undefined | null);

/** Our own session cookie. Ignored when {@link SessionTimeoutOptions.sessionId} is set. */
export interface CookieOptions {
  /**
   * The cookie's name, without prefix. Outside plain-http localhost it is sent as `__Host-<name>`.
   * @defaultValue `'session-timeout'`
   */
  name?: string;
  /**
   * `SameSite`. `'Strict'` also drops the cookie on top-level navigations from other sites.
   * @defaultValue `'Lax'`
   */
  sameSite?: 'Lax' | 'Strict';
  /**
   * `'auto'`: `Secure` and the `__Host-` prefix on every origin except plain-http `localhost`,
   * `127.0.0.1` and `[::1]` (where browsers would drop a `Secure` cookie), and there only when nothing
   * says the browser used https or another host (a TLS-terminating proxy forwarding to a local port):
   * no `X-Forwarded-Proto` / `X-Forwarded-Host` / `Forwarded` header, no same-origin `Origin` or
   * `Referer` of another scheme or host, no `https:` origin in the `origin` option. Once one request
   * said so, every later one is held to it (the unprefixed name, which a sibling subdomain can set, is
   * never read again). `true`: always. `false`: never (not for production).
   * @defaultValue `'auto'`
   */
  secure?: boolean | 'auto';
}

/**
 * Options of {@link sessionTimeout}. Every duration is in **seconds** (fractions allowed).
 *
 * @example
 * ```ts
 * const timeout = sessionTimeout({
 *   expireAfter: 15 * 60,
 *   absoluteTimeout: 8 * 3600,
 *   redirect: '/login',
 *   passive: ['/api/notifications', '/health'],
 *   secret: process.env.SESSION_SECRET,
 * })
 * ```
 */
export interface SessionTimeoutOptions {
  /** Seconds of inactivity after which the session ends. Required. */
  expireAfter: number;
  /**
   * Seconds of inactivity after which the browser should warn; only reported to the client by the ping.
   * Must be below `expireAfter`.
   * @defaultValue `max(expireAfter − 60, expireAfter / 2)`: 840 for 900
   */
  warnAfter?: number;
  /**
   * Seconds from `start()` after which the session ends however active the user is. Absent: no limit.
   * @defaultValue none
   */
  absoluteTimeout?: number | null;
  /**
   * Presence (opt-in): seconds a session lives with no open page showing it. Every ping and every
   * guarded request, passive ones too, shows it; a ping with `"closing": true` (a page going away)
   * leaves only a few seconds' grace for a reload or the app's next page. The element does not yet
   * send presence pings while its user is idle, nor closing beacons: turn this on only for a client
   * that does (docs/protocol.md, presence). A session no page showed for this
   * long ends with reason `closed`. Presence is never activity: it extends neither the idle nor the
   * absolute limit. Must be below `expireAfter`. `start(c, { closeAfter })` sets it per session.
   * @defaultValue none (off)
   */
  closeAfter?: number | null;
  /**
   * Where an ended navigation (or htmx request) is sent; `reason=idle|absolute|closed` is set in its query,
   * replacing one already there. Absent: every ended request gets the `401` JSON answer. A control
   * character (CR, LF, …) throws a `TypeError` here: percent-encode it.
   *
   * Or a function of the request and the reason (`'missing'`: no session at all), whose answer is used
   * as is, e.g. to send each tenant to its own sign-in page or keep the page to come back to. It
   * runs only for navigations and htmx requests; if it throws or answers no usable URL (empty, a
   * control character), the error goes to `onStoreError` and the request gets the `401` JSON answer.
   * @example
   * ```ts
   * redirect: (c, reason) => `/${c.req.param('tenant')}/login?reason=${reason}&next=${encodeURIComponent(c.req.path)}`
   * ```
   * @defaultValue none
   */
  redirect?: string | ((c: Context, reason: NoSessionReason) => string);
  /**
   * Requests that only check the session, never extend it (polling, status checks): an exact path,
   * a path prefix ending in `*` (`'/api/poll/*'`), a list of those, or a predicate. A request with the
   * header `X-Session-Passive: 1` is always passive (the element's pings carry it), so is a beacon
   * (`Sec-Fetch-Mode: no-cors` to an empty destination: `navigator.sendBeacon`, `<a ping>`), and so is one
   * another site made the browser send (`Sec-Fetch-Site` `cross-site`/`same-site`: an `<img>`, a
   * navigation its script started) unless the user started it there (`Sec-Fetch-User: ?1`) or its
   * `Origin` is one the `origin` option trusts. Passive requests are still checked.
   * @defaultValue none
   */
  passive?: PassiveOption;
  /**
   * Where sessions live. Use a shared store (e.g. `RedisStore`) when several server processes serve one site.
   * A function of the context is called once per request that needs the store (synchronously: return
   * the store, not a promise); if it throws or returns no store, the request is answered `503` through
   * `onStoreError`, never passed on.
   * @defaultValue `new MemoryStore()`
   * @example
   * ```ts
   * store: (c) => new DurableObjectStore(c.env.SESSIONS)
   * ```
   */
  store?: StoreOption;
  /**
   * Key sessions on the application's own session id instead of our cookie. Return `undefined` (or
   * `null`) when the request has no signed-in session. With it, `start(c)` and `end(c)` use this id and
   * no cookie is set; destroy your own session in `onEnd`. Call `start(c, id)` at every sign-in: an id
   * the store does not know is answered as ended (`401`/`303`, reason `missing`) on every route,
   * `required: false` included, so a lost or forgotten session never passes unguarded.
   * @defaultValue none: our own signed cookie
   */
  sessionId?: (c: Context) => string | undefined | null | Promise<string | undefined | null>;
  /** Name and attributes of our cookie. */
  cookie?: CookieOptions;
  /**
   * Signs our cookie (HMAC-SHA256). Required unless `sessionId` is set; at least 32 characters.
   * A list rotates keys: the first signs, all verify. A function of the context is called on every
   * request and its answer checked like a static secret: if it throws or returns none, or one too
   * short, the request is answered `503` through `onStoreError`, never passed on.
   * @example
   * ```ts
   * secret: (c) => c.env.SESSION_SECRET
   * ```
   */
  secret?: SecretOption;
  /**
   * Seconds `lastActivity` must move before the store is written, so a busy page does not write on
   * every request. A session may then end up to this much early. Must be below `expireAfter`. An
   * explicit "Stay signed in" (a ping of `{"idle": 0}`) is always written.
   * @defaultValue `0` (every request that moves it writes)
   */
  touchAfter?: number;
  /**
   * Seconds an ended session's reason stays known, so a request arriving after the store dropped
   * it still learns `idle`/`absolute` rather than `missing`.
   * @defaultValue `expireAfter`
   */
  tombstoneFor?: number;
  /**
   * Answer requests without a live session as ended (`reason: 'missing'`: 303 to `redirect` without a
   * reason, `HX-Redirect`, or 401): the middleware fails closed. Mount it only on routes that need a
   * session (`app.use('*', except(['/login'], timeout.middleware))`, `except` from `hono/combine`).
   * The `redirect` target itself is never redirected to itself: a request for it is served without
   * a session, as with `false`, and the console says so once. `false` is the
   * explicit opt-out for routes that serve both, where `c.var.sessionTimeout.id` is `null` without a
   * session. Even then, with `sessionId`, a request presenting an id the store does not know (restart,
   * eviction, a forgotten end) is answered as ended, never passed on.
   * @defaultValue `true`
   */
  required?: boolean;
  /**
   * Whether `end()` also sends `Clear-Site-Data: "cookies"`. Browsers apply it to the whole
   * registrable domain: every cookie of the app and of sibling subdomains goes, signing the user out
   * of other apps too. Turn it on only where that is what a sign-out should do.
   * @defaultValue `false` (only our own cookie is cleared)
   */
  clearSiteData?: boolean;
  /**
   * Origins the ping accepts besides the request's own (e.g. the public origin when a proxy rewrites
   * the Host): one, a list, or a predicate replacing the default check.
   * @defaultValue the request URL's own origin only
   */
  origin?: OriginOption;
  /**
   * Called when a session ends. `reason` `'idle'`, `'absolute'` or `'closed'` (presence, `closeAfter`): a request found it ended; `onEnd`
   * runs before the answer is sent, e.g. to destroy the application's own session when keyed on it
   * through `sessionId`, and runs until it succeeds: if it throws, the error goes to `onStoreError`,
   * the request is answered `503` (the session stays ended, our cookie is kept) and the next request
   * of that session runs it again; a process that dies mid-hook hands it on after 30 s. So make it
   * idempotent. `'logout'`: `end(c)` deleted it; then, like the other audit hooks, it is not awaited
   * and what it throws goes to `onStoreError` (as a `HookError`). `info` carries the session's keyed
   * hash for audit logs (see `onStart`); it is `undefined` without a `secret` to key it.
   */
  onEnd?: (c: Context, reason: AuditEndReason, info: SessionAuditInfo | undefined) => void | Promise<void>;
  /**
   * Audit hook: a session started (`start(c)`, or `begin(id)`, where `c` is `null`). `info` names it by
   * a keyed hash of its id (never the id), with the subject's keyed hash when given, and its limits.
   * Not awaited: it never slows or breaks the sign-in; what it throws or rejects goes to
   * `onStoreError` as a `HookError` (from `begin`, which has no context, to `console.error`).
   * Needs `secret`, which keys the hashes.
   * @example
   * ```ts
   * onStart: (c, info) => console.log(JSON.stringify({ event: 'session.start', ...info }))
   * ```
   */
  onStart?: (c: Context | null, info: SessionStartInfo) => void | Promise<void>;
  /**
   * Audit hook: a ping recorded new activity (the user was active since the last one it knew of),
   * extending the session. Not awaited, errors to `onStoreError` as for `onStart`. Needs `secret`.
   * Ordinary requests through the middleware extend the session too but run no hook: it would
   * cost every request; the element's pings report the same activity.
   */
  onExtend?: (c: Context, info: SessionExtendInfo) => void | Promise<void>;
  /**
   * Called when the store throws, or the app's `sessionId()` throws or rejects; the request is then
   * answered `503` with `Retry-After` (never `500`). If this hook throws too, that error is logged
   * with `console.error` and the answer is still `503`.
   * @defaultValue logs with `console.error`
   */
  onStoreError?: (error: unknown, c: Context) => void;
  /**
   * The clock, in **milliseconds** since the epoch; inject one in tests.
   * @defaultValue `Date.now`
   */
  now?: () => number;
}

/** Options validated once at start-up, durations converted to milliseconds. */
export interface ResolvedOptions {
  expireAfter: number;
  absoluteTimeout: number | null;
  /** Presence, in ms; `null`: off. */
  closeAfter: number | null;
  touchAfter: number;
  tombstoneFor: number;
  /** The same values in seconds, as the ping reports them. */
  expireAfterSeconds: number;
  warnAfterSeconds: number;
  closeAfterSeconds: number | null;
  redirect: RedirectTo | null;
  isPassivePath: ((c: Context) => boolean) | null;
  /** The store of a request: the static one, or the `store` function's answer, checked. */
  storeFor: (c: Context) => SessionStore;
  /** The store when given as an object (for `begin`/`revoke`, which have no request); `null` for a function. */
  staticStore: SessionStore | null;
  sessionId: SessionTimeoutOptions['sessionId'] | null;
  cookieName: string;
  sameSite: 'Lax' | 'Strict';
  secure: boolean | 'auto';
  /** The `origin` option names an `https:` origin: the app is served over https, whatever its request URLs say. */
  servedOverHttps: boolean;
  /** The secrets as given, or, for a `secret` function, a function checking its answer per request. */
  secrets: readonly string[] | ((c: Context) => readonly string[]);
  required: boolean;
  clearSiteData: boolean;
  /** Whether the ping accepts a request carrying this `Origin`. */
  isTrustedOrigin: (origin: string, c: Context) => boolean;
  onEnd: SessionTimeoutOptions['onEnd'] | null;
  onStart: SessionTimeoutOptions['onStart'] | null;
  onExtend: SessionTimeoutOptions['onExtend'] | null;
  onStoreError: (error: unknown, c: Context) => void;
  now: () => number;
}

export { MIN_SECRET_LENGTH };

const cookieNamePattern = /^[\w!#$%&'*.^`|~+-]+$/;

const logStoreError = (error: unknown): void => {
  if (error instanceof HookError) console.error(`[session-timeout] ${error.message}`, error.cause);
  else console.error('[session-timeout] the session store failed; answering 503', error);
};

/** Every option's name, for the check of unknown names (plain JavaScript has no compiler to catch a typo). */
const OPTION_NAMES: readonly (keyof SessionTimeoutOptions)[] = [
  'expireAfter', 'warnAfter', 'absoluteTimeout', 'closeAfter', 'redirect', 'passive', 'store', 'sessionId', 'cookie', 'secret',
  'touchAfter', 'tombstoneFor', 'required', 'clearSiteData', 'origin', 'onEnd', 'onStart', 'onExtend', 'onStoreError', 'now',
];
const COOKIE_OPTION_NAMES: readonly (keyof CookieOptions)[] = ['name', 'sameSite', 'secure'];

/**
 * The longest each duration option takes, in seconds. A larger value is far more likely milliseconds
 * than meant (`expireAfter: 900_000` is 10.4 days, `absoluteTimeout: 28_800_000` 333 days), and such a
 * session would in effect never end. An idle limit (and the warning and write interval under it) of
 * a day at most catches every millisecond value from two minutes up; tombstones a week; the absolute
 * limit 31 days, the longest reauthentication interval NIST SP 800-63B allows at any level (30 days).
 */
export const MAX_SECONDS = {
  expireAfter: 86_400,
  warnAfter: 86_400,
  touchAfter: 86_400,
  tombstoneFor: 7 * 86_400,
  absoluteTimeout: 31 * 86_400,
  closeAfter: 86_400,
} as const;

/** Checks every option once, at `sessionTimeout()` time, so a misconfiguration fails at start-up. */
export function resolveOptions(options: SessionTimeoutOptions): ResolvedOptions {
  checkNames(options, OPTION_NAMES, '');
  if (typeof options?.cookie === 'object' && options.cookie !== null) checkNames(options.cookie, COOKIE_OPTION_NAMES, 'cookie.');
  return resolveKnownOptions(options);
}

function resolveKnownOptions({
  expireAfter,
  warnAfter = defaultWarnAfter(expireAfter),
  absoluteTimeout = null,
  closeAfter = null,
  redirect,
  passive,
  store = new MemoryStore(),
  sessionId,
  cookie: { name: cookieName = 'session-timeout', sameSite = 'Lax', secure = 'auto' } = {},
  secret,
  touchAfter = 0,
  tombstoneFor = expireAfter,
  required = true,
  clearSiteData = false,
  origin,
  onEnd,
  onStart,
  onExtend,
  onStoreError = logStoreError,
  now = Date.now,
}: SessionTimeoutOptions): ResolvedOptions {
  positive('expireAfter', expireAfter);
  nonNegative('warnAfter', warnAfter);
  if (warnAfter >= expireAfter) {
    fail(`warnAfter (${warnAfter} s) must be below expireAfter (${expireAfter} s)`);
  }
  if (absoluteTimeout !== null) positive('absoluteTimeout', absoluteTimeout);
  if (closeAfter !== null) {
    positive('closeAfter', closeAfter);
    if (closeAfter >= expireAfter) {
      fail(`closeAfter (${closeAfter} s) must be below expireAfter (${expireAfter} s): presence ends a session sooner than idleness, or not at all`);
    }
  }
  nonNegative('touchAfter', touchAfter);
  if (touchAfter >= expireAfter) {
    fail(`touchAfter (${touchAfter} s) must be below expireAfter (${expireAfter} s), or sessions end while in use`);
  }
  nonNegative('tombstoneFor', tombstoneFor);
  if (redirect !== undefined && typeof redirect !== 'function' && (typeof redirect !== 'string' || redirect === '')) {
    fail('redirect must be a non-empty URL string, or a function (c, reason) returning one');
  }
  // A control character cannot go into a Location header: Hono would throw on the first ended
  // navigation (a 500 long after start-up), and CR/LF is how headers are smuggled in.
  if (typeof redirect === 'string' && hasControlCharacter(redirect)) {
    throw new TypeError(
      `sessionTimeout: redirect ${JSON.stringify(redirect)} contains a control character (CR, LF, …); percent-encode it`,
    );
  }
  if (typeof store !== 'function' && !isSessionStore(store)) {
    fail('store must implement SessionStore (create, touch, settleEndReport, delete), or be a function of the context returning one');
  }
  if (sessionId !== undefined && typeof sessionId !== 'function') fail('sessionId must be a function of the context');
  if (typeof now !== 'function') fail('now must be a function returning milliseconds');
  if (typeof clearSiteData !== 'boolean') fail('clearSiteData must be true or false');
  for (const [name, hook] of [['onEnd', onEnd], ['onStart', onStart], ['onExtend', onExtend], ['onStoreError', onStoreError]] as const) {
    if (hook !== undefined && typeof hook !== 'function') fail(`${name} must be a function`);
  }
  if ((onStart || onExtend) && secret === undefined) {
    fail(`${onStart ? 'onStart' : 'onExtend'} needs the secret option: audit hooks name the session by its keyed hash, never its id`);
  }

  if (!sessionId && secret === undefined) {
    fail(
      `secret is required to sign the session cookie: pass at least ${MIN_SECRET_LENGTH} random characters, ` +
        'e.g. secret: process.env.SESSION_SECRET or (c) => c.env.SESSION_SECRET ' +
        '(or key sessions on your own id with the sessionId option)',
    );
  }
  const secrets = toSecrets(secret, !sessionId);
  if (!sessionId) {
    if (!cookieNamePattern.test(cookieName) || /^__(host|secure)-/i.test(cookieName)) {
      fail(`cookie.name ${JSON.stringify(cookieName)} is not a valid cookie name (the __Host- prefix is added for you)`);
    }
    if (sameSite !== 'Lax' && sameSite !== 'Strict') fail("cookie.sameSite must be 'Lax' or 'Strict'");
  }

  return {
    expireAfter: expireAfter * 1000,
    absoluteTimeout: absoluteTimeout === null ? null : absoluteTimeout * 1000,
    closeAfter: closeAfter === null ? null : closeAfter * 1000,
    closeAfterSeconds: closeAfter,
    touchAfter: touchAfter * 1000,
    tombstoneFor: tombstoneFor * 1000,
    expireAfterSeconds: expireAfter,
    warnAfterSeconds: warnAfter,
    redirect: redirect === undefined ? null : toRedirectTo(redirect),
    isPassivePath: passive === undefined ? null : toPassiveTest(passive),
    storeFor: typeof store === 'function' ? perRequestStore(store) : () => store,
    staticStore: typeof store === 'function' ? null : store,
    sessionId: sessionId ?? null,
    cookieName,
    sameSite,
    secure,
    servedOverHttps: namesHttpsOrigin(origin),
    secrets,
    required,
    clearSiteData,
    isTrustedOrigin: toOriginTest(origin),
    onEnd: onEnd ?? null,
    onStart: onStart ?? null,
    onExtend: onExtend ?? null,
    onStoreError,
    now,
  };
}

/**
 * A static secret is checked now (when it signs our cookie; with `sessionId` it only keys the
 * subject hash, as before); a function's answer on every request, with the same rules.
 */
function toSecrets(secret: SecretOption | undefined, signsCookie: boolean): ResolvedOptions['secrets'] {
  if (typeof secret === 'function') return (c) => toSecretList(secret(c), 'a secret from the secret function');
  if (!signsCookie) return typeof secret === 'string' ? [secret] : [...(secret ?? [])];
  return toSecretList(secret, 'secret');
}

function toOriginTest(origin: OriginOption | undefined): (origin: string, c: Context) => boolean {
  if (typeof origin === 'function') return origin;
  if (origin === undefined) return isOwnOrigin;
  const allowed = new Set(typeof origin === 'string' ? [origin] : origin);
  for (const o of allowed) {
    if (typeof o !== 'string' || !/^https?:\/\/[^/?#]+$/.test(o)) {
      fail(`origin ${JSON.stringify(o)} must be a scheme and host without a path, e.g. 'https://example.com'`);
    }
  }
  return (value, c) => allowed.has(value) || isOwnOrigin(value, c);
}

/** Whether the `origin` option lists an `https:` origin (a predicate says nothing we can read). */
function namesHttpsOrigin(origin: OriginOption | undefined): boolean {
  if (origin === undefined || typeof origin === 'function') return false;
  return (typeof origin === 'string' ? [origin] : origin).some((o) => o.startsWith('https:'));
}

/** The request's own origin, as the server sees its URL. */
function isOwnOrigin(origin: string, c: Context): boolean {
  return origin === new URL(c.req.url).origin;
}

/**
 * Why `value` cannot be a duration above 0 (`undefined` when it can): one wording for the handler's
 * options and a session's own (`start`/`begin`). A string shows quoted, so `"300"` reads as a string.
 * A duration over its {@link MAX_SECONDS} is refused as most likely milliseconds.
 */
export function notPositiveSeconds(name: string, value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return tooLong(name, value);
  const given = typeof value === 'number' ? value : (JSON.stringify(value) ?? typeof value);
  return `${name} must be a finite number of seconds above 0 (got ${given})`;
}

/** Why `value` seconds is too long for option `name` (`undefined` when it is not), naming the unit. */
function tooLong(name: string, value: number): string | undefined {
  const max = (MAX_SECONDS as Record<string, number | undefined>)[name];
  if (max === undefined || value <= max) return undefined;
  return (
    `${name} is ${value} seconds (${inWords(value)}): durations are in seconds, not milliseconds ` +
    `(${value} ms would be ${name}: ${value / 1000}). The longest ${name} taken is ${max} s (${inWords(max)}).`
  );
}

/** Seconds as days or hours, one decimal, for an error message. */
function inWords(seconds: number): string {
  const [amount, unit] = seconds >= 86_400 ? [+(seconds / 86_400).toFixed(1), 'day'] : [+(seconds / 3600).toFixed(1), 'hour'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

function positive(name: string, value: unknown): asserts value is number {
  const problem = notPositiveSeconds(name, value);
  if (problem) fail(problem);
}

function nonNegative(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(`${name} must be a finite number of seconds, 0 or more (got ${String(value)})`);
  }
  const problem = tooLong(name, value);
  if (problem) fail(problem);
}

/**
 * Refuses a name not among `known`: a typo in plain JavaScript (`expireafter`, `warn_after`) would
 * otherwise be ignored and its default used in silence. Names the nearest known one when there is one.
 */
function checkNames(given: object, known: readonly string[], prefix: string): void {
  for (const name of Object.keys(given)) {
    if (known.includes(name)) continue;
    const near = nearest(name, known);
    fail(
      `unknown option ${prefix}${name}${near === undefined ? '' : `: did you mean ${prefix}${near}?`} ` +
        `The ${prefix ? `${prefix.slice(0, -1)} ` : ''}options are ${known.join(', ')}.`,
    );
  }
}

/** The known name that `name` most likely meant: the same letters (case, `_` and `-` aside), or one or two edits away. */
function nearest(name: string, known: readonly string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(plain(name), plain(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** Every misconfiguration is a `TypeError` (a wrong value for an option), thrown at start-up. */
function fail(message: string): never {
  throw new TypeError(`sessionTimeout: ${message}`);
}
