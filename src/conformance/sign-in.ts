/**
 * Getting sessions to check: a `POST` to the sign-in path (as a browser's form submission), and the
 * rule on the cookie that carries the session.
 *
 * @module
 */
import { now, type CheckContext } from './context.js';
import { describe, setCookiesOf } from './http.js';
import { Session, type SetCookie } from './session.js';

/** The form the kit submits: a `username` (and a `password`, for servers that ask for one). */
const SIGN_IN_FORM = 'username=session-timeout-conformance&password=session-timeout-conformance';

/** A session just started, and the kit's time (ms) when the server had started it. */
export interface SignedIn {
  session: Session;
  at: number;
}

/** Signs in once; records a failure of the `sign-in` rule and answers `null` if no session started. */
export async function signIn(ctx: CheckContext): Promise<SignedIn | null> {
  const path = ctx.options.signIn!;
  const answer = await ctx.http.send({
    method: 'POST', path, kind: 'navigation',
    headers: { Origin: ctx.http.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: SIGN_IN_FORM, cookie: null,
  });
  const at = now();
  const session = new Session();
  session.take(setCookiesOf(answer), true);
  const ok = ctx.results.check('sign-in', answer.status < 400 && !session.isEmpty,
    () => `POST ${path} (a form with username and password) answered ${describe(answer)} and set ${session.isEmpty ? 'no cookie' : 'cookies'}; expected a new session's cookie (or use --cookie)`);
  return ok ? { session, at } : null;
}

/** Whether the browser reached the server over plain http on a loopback host, where `Secure` cannot apply. */
export function isLocalPlainHttp(base: URL): boolean {
  return base.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(base.hostname);
}

/**
 * The cookies the session depends on (those without which a ping finds no session) are HttpOnly,
 * SameSite Lax or Strict, and Secure outside plain-http localhost; `Path=/`, no `Max-Age`/`Expires`
 * and the `__Host-` prefix are advised.
 */
export async function checkCookie(ctx: CheckContext, session: Session): Promise<void> {
  const r = ctx.results;
  const set = session.setAtSignIn;
  // A sign-in may also set cookies that are not the session's (a CSRF token that script reads): only
  // those the session cannot do without are judged.
  const needed: SetCookie[] = [];
  for (const cookie of set) {
    const answer = await ctx.ping(null, { idle: 0 }, { Cookie: session.header({ without: cookie.name }) });
    if (answer.status === 401) needed.push(cookie);
  }
  const judged = needed.length > 0 ? needed : set;
  const secure = !isLocalPlainHttp(ctx.http.base);
  for (const cookie of judged) {
    const a = cookie.attributes;
    r.check('cookie', a.has('httponly'), `the session cookie ${cookie.name} lacks HttpOnly: ${cookie.line}`);
    r.check('cookie', ['lax', 'strict'].includes((a.get('samesite') ?? '').toLowerCase()), `the session cookie ${cookie.name} needs SameSite=Lax (or Strict): ${cookie.line}`);
    if (secure) {
      r.check('cookie', a.has('secure'), `the session cookie ${cookie.name} lacks Secure on ${ctx.http.origin}: ${cookie.line}`);
      if (!cookie.name.startsWith('__Host-')) r.note('cookie', `${cookie.name}: the __Host- prefix is advised (it binds the cookie to this host, Path=/, Secure)`);
    }
    if ((a.get('path') ?? '') !== '/') r.note('cookie', `${cookie.name}: Path=/ is advised, so every page of the site sends it`);
    if (a.has('max-age') || a.has('expires')) r.note('cookie', `${cookie.name}: no Max-Age or Expires is advised, so the cookie ends when the browser closes`);
  }
}
