/**
 * One Express server for bench/express-throughput.mjs, chosen by VARIANT; prints `listening <port>`.
 * Both answer `POST /login`, `GET /app/page` (a small text answer) and `GET /cpu` (the CPU time the
 * process has used, µs; outside the session check).
 *
 *   express-bare      Express 5 alone: the same routes, no session check (the baseline)
 *   express-timeout   Express 5 + session-timeout-element/express's middleware on /app, MemoryStore,
 *                     our signed cookie, a store write on every request (touchAfter 0)
 */
import express from 'express';
import { sessionTimeout } from '../src/express/index.js';

const variant = process.env.VARIANT ?? 'express-timeout';
const secret = 'bench-secret-bench-secret-bench-secret-0123456789';

const app = express();
app.get('/cpu', (_req, res) => {
  const { user, system } = process.cpuUsage();
  res.send(String(user + system));
});
if (variant === 'express-bare') {
  app.post('/login', (_req, res) => {
    res.send('ok');
  });
  app.get('/app/page', (_req, res) => {
    res.send('ok');
  });
} else if (variant === 'express-timeout') {
  const timeout = sessionTimeout({ expireAfter: 900, secret });
  app.post('/session/ping', timeout.ping);
  app.post('/login', async (req, res) => {
    await timeout.start(req, res);
    res.send('ok');
  });
  app.use('/app', timeout.middleware);
  app.get('/app/page', (req, res) => {
    res.send(req.sessionTimeout?.id ? 'ok' : 'no session');
  });
} else {
  throw new Error(`unknown VARIANT ${variant}`);
}
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
