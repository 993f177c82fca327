import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { decodeBase64Url, encodeBase64Url } from 'hono/utils/encode';
import { ownString } from './own-string.js';
import { header } from './header.js';
import { reachedOverLocalPlainHttp } from './local-http.js';

type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** Bytes of randomness in a session id: 144 bits, 24 base64url characters. */
const ID_BYTES = 18;
const idPattern = /^[\w-]{22,128}$/;
/** Longer than any value we sign; a bound on what an attacker can make us hash. */
const MAX_VALUE_LENGTH = 256;
const encoder = new TextEncoder();

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
}

/**
 * How many verified cookie values to remember, so a returning cookie costs a `Map` lookup rather
 * than an HMAC. Only values whose signature checked out are cached.
 */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Our session cookie: `<id>.<HMAC-SHA256(id) in base64url>`, HttpOnly, `Path=/`, no Max-Age (it ends
 * with the browser), `Secure` with the `__Host-` prefix except on plain-http localhost (as the
 * browser reached it: see {@link reachedOverLocalPlainHttp}).
 */
export class SessionCookie {
  readonly #name: string;
  readonly #nameEq: string;
  readonly #hostNameEq: string;
  readonly #sameSite: 'Lax' | 'Strict';
  readonly #secure: boolean | 'auto';
  readonly #secretsFor: ((c: Context) => readonly string[]) | null;
  /** The keys in use: fixed for static secrets; for a function, those of its latest answer. */
  #keyring: Keyring | null;

  constructor({ name, secrets, sameSite, secure, }: SessionCookieOptions) {
    this.#name = name;
    this.#nameEq = `${name}=`;
    this.#hostNameEq = `__Host-${name}=`;
    this.#sameSite = sameSite;
    this.#secure = secure;
    this.#secretsFor = typeof secrets === 'function' ? secrets : null;
    this.#keyring = typeof secrets === 'function' ? null : new Keyring(secrets);
  }

  /**
   * The session id of a validly signed cookie on this request, else `undefined`. Synchronous
   * when the value was verified before (the per-request path), a promise otherwise.
   * @throws what a `secret` function threw, or its unusable answer, even when no cookie came
   */
  read(c: Context): string | undefined | Promise<string | undefined> {
    // Asked first, so a broken secret binding fails every request alike, not only those with a cookie.
    const keyring = this.#keyringFor(c);
    const value = this.#value(c);
    if (value === undefined) return undefined;
    const id = keyring.cached(value);
    return id !== undefined ? id : keyring.verify(value);
  }

  /**
   * Clears our cookie if this request brought one: called when it led to no session (tampered,
   * signed with a retired secret, or naming a session the store does not know), so the browser
   * stops sending a dead cookie. A request that brought none gets no `Set-Cookie`.
   */
  clearPresented(c: Context): void {
    if (this.#value(c) !== undefined) this.clear(c);
  }

  /** The raw value of our cookie on this request, under the name this origin uses. */
  #value(c: Context): string | undefined {
    const cookies = header(c, 'cookie');
    if (cookies === null) return undefined;
    const value = cookieValue(cookies, this.#hostNameEq);
    // A cookie without the prefix could have been planted by a sibling subdomain (session fixation),
    // so it only counts where we would have set it that way ourselves.
    if (value === undefined && !this.#isSecure(c)) return cookieValue(cookies, this.#nameEq);
    return value;
  }

  /** Signs `id` and sets the cookie on the answer. */
  async set(c: Context, id: string): Promise<void> {
    const keyring = this.#keyringFor(c);
    const [key] = await keyring.keys();
    const signature = await crypto.subtle.sign('HMAC', key!, encoder.encode(id));
    const value = `${id}.${unpadded(encodeBase64Url(signature))}`;
    keyring.remember(value, id);
    const attributes = { path: '/', httpOnly: true, sameSite: this.#sameSite } as const;
    if (this.#isSecure(c)) setCookie(c, this.#name, value, { ...attributes, prefix: 'host' });
    else setCookie(c, this.#name, value, attributes);
  }

  /** Expires the cookie in the browser, under whichever name this origin uses. */
  clear(c: Context): void {
    const attributes = { path: '/', httpOnly: true, sameSite: this.#sameSite } as const;
    if (this.#isSecure(c)) deleteCookie(c, this.#name, { ...attributes, prefix: 'host', secure: true });
    else deleteCookie(c, this.#name, attributes);
  }

  #isSecure(c: Context): boolean {
    return this.#secure === 'auto' ? !reachedOverLocalPlainHttp(c) : this.#secure;
  }

  /** The keyring of this request's secrets: a function's answer reuses the keys while it stays the same. */
  #keyringFor(c: Context): Keyring {
    if (this.#secretsFor === null) return this.#keyring!;
    const secrets = this.#secretsFor(c);
    if (this.#keyring === null || !sameList(this.#keyring.secrets, secrets)) this.#keyring = new Keyring(secrets);
    return this.#keyring;
  }
}

/**
 * Characters of a cookie value's end (its signature's) that key the cache of verified values: 70
 * random bits, and under 13 characters, so V8 copies the slice into a flat string that it hashes
 * quickly. Looking up the whole ~57-character value, a slice of the `Cookie` header, cost ~250–350 ns
 * a request on Node 20 (V8 hashes such a slice slowly), a third of the middleware's own time then;
 * this key and the comparison of the whole value cost about half of that.
 */
const CACHE_KEY_LENGTH = 12;

/** A cookie value whose signature checked out, and its session id. */
interface Verified {
  value: string;
  id: string;
}

/** HMAC keys of one list of secrets, and the cookie values they verified. */
class Keyring {
  readonly secrets: readonly string[];
  /** Verified cookie values by the end of their signature ({@link CACHE_KEY_LENGTH}), oldest first. */
  readonly #verified = new Map<string, Verified>();
  #keys: Promise<HmacKey[]> | undefined;

  constructor(secrets: readonly string[]) {
    this.secrets = secrets;
  }

  /**
   * The session id of `value` if it was verified before, else `undefined`. The whole value is compared:
   * the key only finds the candidate. (That comparison is not constant-time, but it is reached only
   * by a value ending with 70 bits of a real signature, which nobody without the cookie can guess.)
   */
  cached(value: string): string | undefined {
    const entry = this.#verified.get(value.slice(-CACHE_KEY_LENGTH));
    return entry !== undefined && entry.value === value ? entry.id : undefined;
  }

  async verify(value: string): Promise<string | undefined> {
    if (value.length > MAX_VALUE_LENGTH) return undefined;
    const dot = value.lastIndexOf('.');
    if (dot === -1) return undefined;
    const id = value.slice(0, dot);
    if (!idPattern.test(id)) return undefined;
    let signature: Uint8Array;
    try {
      signature = decodeBase64Url(value.slice(dot + 1));
    } catch {
      return undefined;
    }
    const data = encoder.encode(id);
    for (const key of await this.keys()) {
      // verify() compares in constant time; a string comparison would leak the signature.
      if (await crypto.subtle.verify('HMAC', key, signature as Uint8Array<ArrayBuffer>, data)) {
        return this.remember(value, id);
      }
    }
    return undefined;
  }

  /** Caches a verified value; returns the id as a string that does not pin the request's Cookie header. */
  remember(value: string, id: string): string {
    const ownValue = ownString(value);
    const ownId = ownString(id);
    const key = ownValue.slice(-CACHE_KEY_LENGTH);
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) {
      this.#verified.delete(this.#verified.keys().next().value!);
    }
    this.#verified.set(key, { value: ownValue, id: ownId });
    return ownId;
  }

  keys(): Promise<HmacKey[]> {
    this.#keys ??= Promise.all(
      this.secrets.map((secret) =>
        crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
          'sign',
          'verify',
        ]),
      ),
    );
    return this.#keys;
  }
}

/**
 * The value of the cookie `nameEq` (`"name="`) in a `Cookie` header, without splitting the header:
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

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function unpadded(base64: string): string {
  return base64.replace(/=+$/, '');
}
