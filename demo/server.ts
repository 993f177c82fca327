/**
 * `npm start`: serves the demo on http://127.0.0.1:$PORT (default 3000).
 * WARN_AFTER, EXPIRE_AFTER and ABSOLUTE_TIMEOUT (seconds) are short by default so the whole
 * flow — warning, extend, sign-out for inactivity — can be watched in a minute, with the 30 s to
 * respond that WCAG 2.2.1 asks for (at least 20 s).
 * PAGE_WARN_AFTER and PAGE_EXPIRE_AFTER set the element's attributes apart from the server's, to
 * watch the element adopt the server's durations.
 * CLOSE_AFTER (seconds, off by default) turns presence on: close every tab of the demo and the
 * session ends that long after, with reason `closed`.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { createDemoApp } from './app.js';

function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`${name} must be a positive number of seconds, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}

const app = createDemoApp({
  warnAfter: seconds('WARN_AFTER', 30),
  expireAfter: seconds('EXPIRE_AFTER', 60),
  absoluteTimeout: seconds('ABSOLUTE_TIMEOUT', 600),
  ...(process.env.CLOSE_AFTER ? { closeAfter: seconds('CLOSE_AFTER', 0) } : {}),
  page: process.env.PAGE_EXPIRE_AFTER
    ? { warnAfter: seconds('PAGE_WARN_AFTER', 1), expireAfter: seconds('PAGE_EXPIRE_AFTER', 2) }
    : undefined,
  // A fresh secret per start: restarting the demo signs everybody out, which is what a demo wants.
  secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
  elementScript: new URL('../dist/session-timeout.min.js', import.meta.url),
});

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  // The end-to-end tests read this line to learn the port.
  console.log(`Demo running at http://${host}:${info.port}/login`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
