// The conformance kit against session-timeout-element/express on a real Express 5 over HTTP, with the
// MemoryStore and with a RedisStore on a real redis-server: the adapter speaks the protocol as the
// Hono handler does.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describe, it } from 'node:test';
import express, { type ErrorRequestHandler } from 'express';
import { sessionTimeout } from '../../../src/express/index.js';
import { runConformance, type ConformanceReport } from '../../../src/conformance/run.js';
import type { SessionTimeoutOptions } from '../../../src/express/index.js';
import { RedisStore } from '../../../src/hono/redis.js';
import { connect } from '../redis/clients.js';
import { RedisServer } from '../redis/redis-server.js';
import { EXPIRE_AFTER, WARN_AFTER } from './servers.js';

const SECRET = 'express-kit-secret-at-least-32-characters-long';
// The durations the other kit tests use (servers.ts says why not shorter: under load a session of 3 s
// ended during the kit's own checks).

function createApp(options: Partial<SessionTimeoutOptions> = {}) {
  const timeout = sessionTimeout({ expireAfter: EXPIRE_AFTER, warnAfter: WARN_AFTER, secret: SECRET, redirect: '/login', ...options });
  const app = express();
  // The ping first, as the docs say: before any body parser and before the middleware.
  app.all('/session/ping', timeout.ping);
  app.post('/login', async (req, res) => {
    await timeout.start(req, res, { subject: 'ada' });
    res.redirect(303, '/app');
  });
  app.use('/app', timeout.middleware);
  app.get('/app', (req, res) => {
    res.type('text').send(`signed in, ${Math.round(req.sessionTimeout?.remaining ?? 0)} s left`);
  });
  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status((error as { status?: number }).status ?? 500).json({ error: String((error as Error).message) });
  };
  app.use(errors);
  return app;
}

function listen(app: express.Express): Promise<{ origin: string; server: Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });
}

const close = (server: Server) => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); });

const explain = (report: ConformanceReport): string =>
  report.results.map((r) => `${r.status} ${r.rule.id}${r.messages.length ? `: ${r.messages.join(' | ')}` : ''}`).join('\n');

describe('the conformance kit against Express 5', () => {
  it('passes with the MemoryStore and with a RedisStore on a real redis-server', async () => {
    const redis = await RedisServer.start();
    const connected = await connect('node-redis', redis.port);
    const memory = await listen(createApp());
    const withRedis = await listen(createApp({ store: new RedisStore({ client: connected.client, prefix: 'express-kit:' }) }));
    try {
      const kit = (baseUrl: string) => runConformance({ baseUrl, signIn: '/login', guarded: '/app', expireAfter: EXPIRE_AFTER, warnAfter: WARN_AFTER });
      for (const report of await Promise.all([kit(memory.origin), kit(withRedis.origin)])) {
        assert.ok(report.passed, explain(report));
        assert.deepEqual(report.results.filter((r) => r.status === 'skip').map((r) => r.rule.id), ['presence']);
      }
    } finally {
      await close(memory.server);
      await close(withRedis.server);
      await connected.close();
      await redis.close();
    }
  });
});
