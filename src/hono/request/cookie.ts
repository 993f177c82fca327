import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { encodeBase64Url } from 'hono/utils/encode';
import { ownString } from '../own-string.js';
import { header } from './headers.js';
import { isLocalPlainHttp, reachedOverLocalPlainHttp } from './local-http.js';

/** Bytes of randomness in a session id: 144 bits, 24 base64url characters. */
const ID_BYTES = 18;
const idPattern = /^[\w-]{22,128}$/;
/** Longer than any value we sign; a bound on what an attacker can make us hash. */
const MAX_VALUE_LENGTH = 256;

/** A fresh random session id (Web Crypto, so it runs on any Hono runtime). */
export function randomId(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(ID_BYTES)).buffer);
}

export interface SessionCookieOptions {
  /** Cookie name without prefix. */
  name: string;
  /**
   * The first signs; every one verifies (key rotation). A function is asked on every request (the
   * `secret: (c) => …` option) and may throw: so may {@link SessionCookie.read} and `set` then.
   */
  secrets: readonly string[] | ((c: Context) => readonly string[]);
  sameSite: 'Lax' | 'Strict';
  secure: boolean | 'auto';
  /**
   * With `secure: 'auto'`: the app is known to be served over https (an `https:` origin in the
   * `origin` option), so the cookie is `Secure` and `__Host-` from the first request, whatever
   * a proxy made of the request URL.
   */
  servedOverHttps?: boolean;
  /** Where the one-time advice about a cookie signed with another secret goes. @defaultValue `console.warn` */
  warn?: (message: string) => void;
}

/**
 * How many verified cookie values to remember, so a returning cookie costs a `Map` lookup rather
 * than an HMAC. Only values whose signature checked out are cached.
 */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Our session cookie, signed and read with Hono's own signed-cookie helpers (`hono/cookie`, HMAC-SHA256):
 * HttpOnly, `Path=/`, no Max-Age (it ends with the browser), `Secure` with the `__Host-` prefix except
 * where the browser reached us over plain-http localhost (see {@link SessionCookie.isSecure}).
 */
export class SessionCookie {
  readonly #name: string;
  readonly #nameEq: string;
  readonly #hostNameEq: string;
  readonly #sameSite: 'Lax' | 'Strict';
  readonly #secure: boolean | 'auto';
  readonly #secretsFor: ((c: Context) => readonly string[]) | null;
  readonly #warn: (message: string) => void;
  /** The keys in use: fixed for static secrets; for a function, those of its latest answer. */
  #keyring: Keyring | null;
  /**
   * `secure: 'auto'` once a request showed the browser uses https (or the `origin` option said so):
   * from then on the cookie is always `Secure` and `__Host-`, and the unprefixed name, which a sibling
   * subdomain can toss at us, is never read again.
   */
  #servedOverHttps: boolean;
  #warnedForeign = false;

  constructor({ name, secrets, sameSite, secure, servedOverHttps = false, warn = (message) => console.warn(message) }: SessionCookieOptions) {
    this.#name = name;
    this.#nameEq = `${name}=`;
    this.#hostNameEq = `__Host-${name}=`;
    this.#sameSite = sameSite;
    this.#secure = secure;
    this.#secretsFor = typeof secrets === 'function' ? secrets : null;
    this.#keyring = typeof secrets === 'function' ? null : new Keyring(secrets);
    this.#servedOverHttps = servedOverHttps;
    this.#warn = warn;
  }

  /**
   * The session id of a validly signed cookie on this request, else `undefined`. Synchronous
   * when the value was verified before (the per-request path), a promise otherwise.
   * @throws what a `secret` function threw, or its unusable answer, even when no cookie came
   */
  read(c: Context): string | undefined | Promise<string | undefined> {
    // Asked first, so a broken secret binding fails every request alike, not only those with a cookie.
    const keyring = this.#keyringFor(c);
    const presented = this.#presented(c);
    if (presented === undefined) return undefined;
    const id = keyring.cached(presented.value);
    return id !== undefined ? id : this.#verify(c, keyring, presented);
  }

  /**
   * Clears our cookie if this request brought one: called when it led to no session (tampered,
   * signed with a retired secret, or naming a session the store does not know), so the browser
   * stops sending a dead cookie. A request that brought none gets no `Set-Cookie`.
   */
  clearPresented(c: Context): void {
    if (this.#presented(c) !== undefined) this.clear(c);
  }

  /** Signs `id` and sets the cookie on the answer. */
  async set(c: Context, id: string): Promise<void> {
    const [secret] = this.#keyringFor(c).secrets;
    const attributes = { path: '/', httpOnly: true, sameSite: this.#sameSite } as const;
    if (this.isSecure(c)) await setSignedCookie(c, this.#name, id, secret!, { ...attributes, prefix: 'host' });
    else await setSignedCookie(c, this.#name, id, secret!, attributes);
  }

  /** Expires the cookie in the browser, under whichever name this origin uses. */
  clear(c: Context): void {
    const attributes = { path: '/', httpOnly: true, sameSite: this.#sameSite } as const;
    if (this.isSecure(c)) deleteCookie(c, this.#name, { ...attributes, prefix: 'host', secure: true });
    else deleteCookie(c, this.#name, attributes);
  }

  /**
   * Whether this request's cookie is `Secure` with the `__Host-` prefix. `'auto'`: yes, except where
   * the browser reached us over plain-http localhost by every sign it gave (URL, forwarding headers,
   * its own `Origin` and `Referer`); once any request shows https, yes for good (see `#servedOverHttps`).
   */
  isSecure(c: Context): boolean {
    if (this.#secure !== 'auto') return this.#secure;
    if (this.#servedOverHttps || !isLocalPlainHttp(c.req.url)) return true;
    if (reachedOverLocalPlainHttp(c)) return false;
    // A plain-http localhost URL the browser did not use: a proxy (nginx's defaults pass on neither
    // X-Forwarded-* nor the Host) in front of an https site. Every later request is held to that.
    this.#servedOverHttps = true;
    return true;
  }

  /**
   * Our cookie's raw value on this request (as sent, URI-encoded) and the prefix it came under. In
   * secure mode only `__Host-<name>` is read: a cookie without the prefix could have been planted by
   * a sibling subdomain (session fixation), so it only counts where we would have set it that way
   * ourselves. Found by a scan of the `Cookie` header, not `getCookie`: this runs on every request,
   * and `getCookie` parses and decodes every pair (~4 µs a request on Node 20, against ~0.3 µs).
   */
  #presented(c: Context): Presented | undefined {
    const cookies = header(c, 'cookie');
    if (cookies === null) return undefined;
    const prefixed = cookieValue(cookies, this.#hostNameEq);
    if (prefixed !== undefined) return { value: prefixed, prefix: 'host' };
    if (this.isSecure(c)) return undefined;
    const plain = cookieValue(cookies, this.#nameEq);
    return plain === undefined ? undefined : { value: plain, prefix: undefined };
  }

  /**
   * Checks the signature with `hono/cookie`'s `getSignedCookie`, each secret in turn (rotation), and
   * caches the raw value that checked out. Only when Hono's own parse of this request found that very
   * value: were the two to differ (a repeated name), the cache could pair one value with another's id.
   */
  async #verify(c: Context, keyring: Keyring, { value, prefix }: Presented): Promise<string | undefined> {
    if (value.length > MAX_VALUE_LENGTH) return undefined;
    if (getCookie(c, this.#name, prefix) !== decoded(value)) return undefined;
    let signedOtherwise = false;
    for (const secret of keyring.secrets) {
      // `false`: a well-formed signature, not by this secret; `undefined`: not a signed value at all.
      const id = await getSignedCookie(c, secret, this.#name, prefix);
      if (typeof id === 'string') return idPattern.test(id) ? keyring.remember(value, id) : undefined;
      signedOtherwise = id === false;
    }
    if (signedOtherwise) this.#warnForeignOnce(prefix === 'host' ? `__Host-${this.#name}` : this.#name);
    return undefined;
  }

  /**
   * A cookie of our name signed with a secret we do not hold: most often another app on this origin
   * using the same cookie name, each signing the other out. Said once, with the way out.
   */
  #warnForeignOnce(cookieName: string): void {
    if (this.#warnedForeign) return;
    this.#warnedForeign = true;
    this.#warn(
      `[session-timeout] the cookie ${cookieName} arrived signed with a secret this handler does not hold; it counts as no ` +
        'session and is cleared. If another app on this origin uses the same cookie name, give each app its own ' +
        "cookie.name (sessionTimeout({ cookie: { name: 'billing-session' } })): the cookie is always Path=/, as the __Host- " +
        'prefix requires, so two apps on one origin share it unless their names differ (a cookie on a path of its own ' +
        'could only use the weaker __Secure- prefix). After rotating the secret, keep the old one in the list until its sessions have ended.',
    );
  }

  /** The keyring of this request's secrets: a function's answer reuses the cache while it stays the same. */
  #keyringFor(c: Context): Keyring {
    if (this.#secretsFor === null) return this.#keyring!;
    const secrets = this.#secretsFor(c);
    if (this.#keyring === null || !sameList(this.#keyring.secrets, secrets)) this.#keyring = new Keyring(secrets);
    return this.#keyring;
  }
}

/** Our cookie's raw value on a request, and the prefix it came under. */
interface Presented {
  value: string;
  prefix: 'host' | undefined;
}

/**
 * Characters of a raw cookie value's end (its signature's) that key the cache of verified values:
 * under 13, so V8 copies the slice into a flat string that it hashes quickly. Looking up the whole
 * value, a slice of the `Cookie` header, cost ~250–350 ns a request on Node 20 (V8 hashes such a
 * slice slowly). The whole value is still compared: the key only finds the candidate.
 */
const CACHE_KEY_LENGTH = 12;

/** A raw cookie value whose signature checked out, and its session id. */
interface Verified {
  value: string;
  id: string;
}

/** One list of secrets, and the raw cookie values they verified. */
class Keyring {
  readonly secrets: readonly string[];
  /** Verified raw values by their last {@link CACHE_KEY_LENGTH} characters, oldest first. */
  readonly #verified = new Map<string, Verified>();

  constructor(secrets: readonly string[]) {
    this.secrets = secrets;
  }

  /**
   * The session id of `value` if it was verified before, else `undefined`. (The comparison of the whole
   * value is not constant-time, but it is reached only by a value ending with a real signature's end,
   * which nobody without the cookie can guess.)
   */
  cached(value: string): string | undefined {
    const entry = this.#verified.get(value.slice(-CACHE_KEY_LENGTH));
    return entry !== undefined && entry.value === value ? entry.id : undefined;
  }

  /** Caches a verified value; returns the id as a string that does not pin the request's Cookie header. */
  remember(value: string, id: string): string {
    const ownValue = ownString(value);
    const ownId = ownString(id);
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(ownValue.slice(-CACHE_KEY_LENGTH), { value: ownValue, id: ownId });
    return ownId;
  }
}

/**
 * The raw value of the cookie `nameEq` (`"name="`) in a `Cookie` header, without splitting the header:
 * this runs on every request.
 */
export function cookieValue(header: string, nameEq: string): string | undefined {
  let at = header.indexOf(nameEq);
  while (at !== -1) {
    const before = at === 0 ? 59 : header.charCodeAt(at - 1);
    if (before === 59 /* ; */ || before === 32 /* space */ || before === 9 /* tab */) {
      const start = at + nameEq.length;
      const end = header.indexOf(';', start);
      const value = header.slice(start, end === -1 ? header.length : end).trim();
      // A quoted value (RFC 6265 allows it). charCodeAt, not startsWith/endsWith: V8 calls out for those.
      return value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34 ? value.slice(1, -1) : value;
    }
    at = header.indexOf(nameEq, at + 1);
  }
  return undefined;
}

/** A raw cookie value as `getCookie` decodes it (URI-decoded when it can be), to compare the two. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
