import type { Response as ExpressResponse } from 'express';

/**
 * Adds the headers a Hono answer carries (the cookie set or cleared, `Clear-Site-Data`…) to the
 * Express response, which the app goes on to write. `Set-Cookie` is appended to any the app set.
 */
export function copyHeaders(res: ExpressResponse, answer: Response): void {
  for (const [name, value] of answer.headers) {
    if (name !== 'set-cookie' && name !== 'content-type' && name !== 'content-length') res.setHeader(name, value);
  }
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) res.append('Set-Cookie', cookies);
}

/** Sends a Hono answer (status, every header, body) as the Express response. */
export async function send(res: ExpressResponse, answer: Response): Promise<void> {
  const body = answer.body === null ? null : new Uint8Array(await answer.arrayBuffer());
  res.statusCode = answer.status;
  for (const [name, value] of answer.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) res.append('Set-Cookie', cookies);
  if (body === null) res.end();
  else res.end(body);
}
