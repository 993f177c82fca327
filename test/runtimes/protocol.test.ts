/**
 * The wire protocol (contract §2) answered by the real handler on Node, Bun, Deno and workerd, over
 * real HTTP. Each runtime serves `app.ts` bundled for it; a runtime whose binary is missing fails
 * its suite, saying how to install it. The runtimes start in parallel; each one's cases run in order,
 * since they share that server's clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ISOLATE_WARNING } from '../../src/hono/isolate-warning.js';
import { EXPIRE_AFTER } from './app.js';
import { send } from './http-client.js';
import { checkBinary, runtimes, serve, type Served } from './runtimes.js';

const navigation = { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'none', Accept: 'text/html' };
const fetchRequest = { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Site': 'same-origin' };

describe('the protocol on every runtime', { concurrency: runtimes.length }, () => {
  for (const runtime of runtimes) {
    describe(runtime.name, { concurrency: 1 }, () => {
      let server: Served;
      const url = (path: string) => `${server.origin}${path}`;

      before(async () => {
        const version = checkBinary(runtime);
        const started = performance.now();
        server = await serve(runtime);
        console.log(`# ${runtime.name} ${version}: serving in ${Math.round(performance.now() - started)} ms`);
      });
      after(() => server?.stop());

      const login = async (): Promise<string> => {
        const res = await send(url('/login'), { method: 'POST', headers: { Origin: server.origin, ...fetchRequest } });
        assert.equal(res.status, 200, server.output());
        return res.setCookies[0]!.split(';')[0]!;
      };
      const ping = (cookie: string, headers: Record<string, string> = { Origin: server.origin, ...fetchRequest }) =>
        send(url('/session/ping'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
          body: JSON.stringify({ idle: 0 }),
        });
      const page = (cookie: string | null, headers: Record<string, string> = fetchRequest) =>
        send(url('/app/page'), { headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) } });
      const advance = async (seconds: number) => {
        assert.equal((await send(url(`/__test/advance?seconds=${seconds}`), { method: 'POST' })).status, 204);
      };

      it('start sets a signed, HttpOnly, SameSite=Lax session cookie', async () => {
        const res = await send(url('/login'), { method: 'POST' });
        assert.equal(res.status, 200);
        const [cookie] = res.setCookies;
        assert.match(cookie!, /^session-timeout=[\w-]{24}\.[\w%]{44,}; Path=\/; HttpOnly; SameSite=Lax$/);
      });

      it('lets a live session through a protected route, and answers 401 without one', async () => {
        const cookie = await login();
        const res = await page(cookie);
        assert.equal(res.status, 200);
        assert.equal((res.json() as { remaining: number }).remaining, EXPIRE_AFTER);
        const none = await page(null);
        assert.equal(none.status, 401);
        assert.deepEqual(none.json(), { expired: true, reason: 'missing' });
      });

      it('answers a ping with remaining, the durations and Cache-Control: no-store', async () => {
        const cookie = await login();
        const res = await ping(cookie);
        assert.equal(res.status, 200);
        assert.equal(res.header('Cache-Control'), 'no-store');
        const body = res.json() as Record<string, unknown>;
        assert.equal(body.remaining, EXPIRE_AFTER);
        assert.equal(body.expireAfter, EXPIRE_AFTER);
        assert.equal(typeof body.warnAfter, 'number');
      });

      it('refuses a cross-site ping with 403', async () => {
        const cookie = await login();
        const res = await ping(cookie, { Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' });
        assert.equal(res.status, 403);
      });

      it('ends an idle session: 401 JSON for fetches, 303 to the redirect for navigations', async () => {
        const forFetch = await login();
        const forNavigation = await login();
        await advance(EXPIRE_AFTER + 1);
        const res = await page(forFetch);
        assert.equal(res.status, 401);
        assert.equal(res.header('Cache-Control'), 'no-store');
        assert.deepEqual(res.json(), { expired: true, reason: 'idle' });
        const nav = await page(forNavigation, navigation);
        assert.equal(nav.status, 303);
        assert.equal(nav.header('Location'), '/login?reason=idle');
      });

      it('never revives an ended session: neither a ping nor a request brings it back', async () => {
        const cookie = await login();
        await advance(EXPIRE_AFTER + 1);
        const first = await ping(cookie);
        assert.equal(first.status, 401);
        assert.equal((first.json() as { reason: string }).reason, 'idle');
        for (const res of [await ping(cookie), await page(cookie), await ping(cookie)]) {
          assert.equal(res.status, 401);
        }
      });

      it(`reads the secret ${runtime.name === 'workerd' ? 'from its binding, through c.env' : 'from the fallback (no bindings here)'}`, async () => {
        const res = await fetch(url('/__test/secret-source'));
        assert.equal(await res.text(), runtime.name === 'workerd' ? 'binding' : 'fallback');
      });

      it(`warns that a MemoryStore is isolate-local ${runtime.name === 'workerd' ? 'once, on workerd' : 'only on workerd'}`, () => {
        const warnings = server.output().split(ISOLATE_WARNING).length - 1;
        assert.equal(warnings, runtime.name === 'workerd' ? 1 : 0, server.output());
      });
    });
  }
});
