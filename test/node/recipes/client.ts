// What both recipe tests send to their app: same-origin requests carrying the session library's cookie.
import assert from 'node:assert/strict';

export const ORIGIN = 'http://localhost:3000';

/** Requests to a recipe's app (its `/login`, `/app`, the ping and `/logout`), as a same-origin page sends them. */
export function recipeClient(app: { request(url: string, init?: RequestInit): Response | Promise<Response> }) {
  const send = async (path: string, cookie: string, init: RequestInit = {}) =>
    app.request(`${ORIGIN}${path}`, { ...init, headers: { Origin: ORIGIN, Cookie: cookie, ...init.headers } });
  return {
    send,
    /** Signs in; the answer (a 303) carries the library's cookie. */
    async signIn(username: string): Promise<Response> {
      const res = await send('/login', '', { method: 'POST', body: new URLSearchParams({ username }) });
      assert.equal(res.status, 303);
      return res;
    },
    get: (cookie: string) => send('/app', cookie),
    ping: (cookie: string, idle = 0) => send('/session/ping', cookie, { method: 'POST', body: JSON.stringify({ idle }) }),
    logout: (cookie: string) => send('/logout', cookie, { method: 'POST' }),
  };
}

/** A request with a copy of the cookie kept from before sign-out: refused, as a session we do not know. */
export async function assertSignedOut(ping: Response): Promise<void> {
  assert.equal(ping.status, 401);
  assert.deepEqual(await ping.json(), { expired: true, reason: 'missing' });
}
