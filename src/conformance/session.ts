/**
 * A signed-in browser, as far as the kit needs one: its cookies. The jar takes the cookies a server
 * sets but ignores the ones it clears: the kit keeps presenting an ended session's cookie on purpose
 * (a tab that missed the answer, or someone replaying it), to see that the server never revives it.
 *
 * @module
 */

/** One parsed `Set-Cookie` line. */
export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names in lower case, to their values (`''` for flags such as `httponly`). */
  attributes: Map<string, string>;
  /** The line as sent, for messages. */
  line: string;
}

export function parseSetCookie(line: string): SetCookie | null {
  const [pair, ...rest] = line.split(';');
  const eq = pair!.indexOf('=');
  if (eq <= 0) return null;
  const attributes = new Map<string, string>();
  for (const part of rest) {
    const at = part.indexOf('=');
    const key = (at === -1 ? part : part.slice(0, at)).trim().toLowerCase();
    if (key) attributes.set(key, at === -1 ? '' : part.slice(at + 1).trim());
  }
  return { name: pair!.slice(0, eq).trim(), value: pair!.slice(eq + 1).trim(), attributes, line };
}

/** A `Set-Cookie` that removes the cookie (expired, or `Max-Age` ≤ 0). */
export function clearsCookie(cookie: SetCookie): boolean {
  const maxAge = cookie.attributes.get('max-age');
  if (maxAge !== undefined && Number(maxAge) <= 0) return true;
  const expires = cookie.attributes.get('expires');
  return expires !== undefined && Date.parse(expires) <= Date.now();
}

export class Session {
  readonly #jar = new Map<string, string>();
  /** What the sign-in answer set, for the cookie rule. */
  readonly setAtSignIn: SetCookie[] = [];

  /** A session from a `Cookie` header given on the command line (`name=value; other=value`). */
  static fromHeader(header: string): Session {
    const session = new Session();
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) session.#jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return session;
  }

  /** Takes the cookies an answer set; cleared ones are kept (see the module's note). */
  take(setCookies: readonly string[], atSignIn = false): void {
    for (const line of setCookies) {
      const cookie = parseSetCookie(line);
      if (!cookie || clearsCookie(cookie)) continue;
      this.#jar.set(cookie.name, cookie.value);
      if (atSignIn) this.setAtSignIn.push(cookie);
    }
  }

  get names(): string[] {
    return [...this.#jar.keys()];
  }

  get isEmpty(): boolean {
    return this.#jar.size === 0;
  }

  /** The `Cookie` header, optionally without one cookie or with every value altered. */
  header({ without, tampered = false }: { without?: string; tampered?: boolean } = {}): string {
    const pairs: string[] = [];
    for (const [name, value] of this.#jar) {
      if (name === without) continue;
      pairs.push(`${name}=${tampered ? tamper(value) : value}`);
    }
    return pairs.join('; ');
  }
}

/**
 * The same value with its first character changed: an unknown id, or one its signature no longer
 * matches. Not the last: the last base64 character of a signature carries bits a decoder ignores,
 * so changing it may leave the signature valid.
 */
function tamper(value: string): string {
  if (value === '') return 'x';
  return (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
}
