import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { sessionTimeout } from '../../../src/hono/session-timeout.js';
import { checkSubject, subjectHash } from '../../../src/hono/subject.js';
import { ORIGIN, SECRET } from './helpers.js';

describe('subject (issue 12)', () => {
  it('hashes a subject under the secret: stable, 128 bits of base64url, never the subject itself', async () => {
    const ada = await subjectHash(SECRET, 'ada@example.org');
    assert.match(ada, /^[\w-]{22}$/);
    assert.equal(await subjectHash(SECRET, 'ada@example.org'), ada, 'the same user, the same hash');
    assert.notEqual(await subjectHash(SECRET, 'grace@example.org'), ada);
    assert.notEqual(await subjectHash(`${SECRET}-other`, 'ada@example.org'), ada, 'keyed: another secret, another hash');
    assert.ok(!ada.includes('ada'));
  });

  it('refuses a subject that is not a non-empty string with a clear TypeError', () => {
    for (const bad of ['', 42, null, {}, ['ada']]) {
      assert.throws(() => checkSubject(bad), (error: unknown) => error instanceof TypeError && /non-empty string/.test(error.message), String(bad));
    }
    assert.doesNotThrow(() => checkSubject(undefined));
  });

  /** An app whose login starts the session with `subject` from the query. */
  function app(options: Parameters<typeof sessionTimeout>[0] = { expireAfter: 900, secret: SECRET }) {
    const timeout = sessionTimeout(options);
    const hono = new Hono();
    hono.post('/session/ping', timeout.ping);
    hono.post('/login', async (c) => {
      const subject = c.req.query('as');
      await timeout.start(c, subject === undefined ? undefined : { subject: subject === 'NUMBER' ? (42 as unknown as string) : subject });
      return c.body(null, 204);
    });
    hono.onError((error, c) => c.text(`${error.name}: ${error.message}`, 500));
    return hono;
  }

  const pingAs = async (hono: Hono, as?: string) => {
    const login = await hono.request(`${ORIGIN}/login${as === undefined ? '' : `?as=${encodeURIComponent(as)}`}`, { method: 'POST' });
    assert.equal(login.status, 204, await login.clone().text());
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const ping = await hono.request(`${ORIGIN}/session/ping`, {
      method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{"idle": 0}',
    });
    return (await ping.json()) as { subject?: string };
  };

  it('the ping answers the subject’s hash, the same for every session of the same user', async () => {
    const hono = app();
    const first = await pingAs(hono, 'ada');
    assert.equal(first.subject, await subjectHash(SECRET, 'ada'));
    assert.equal((await pingAs(hono, 'ada')).subject, first.subject);
    assert.notEqual((await pingAs(hono, 'grace')).subject, first.subject);
    assert.equal('subject' in (await pingAs(hono)), false, 'no subject: none in the answer');
  });

  it('start() with a bad subject throws a TypeError and starts nothing', async () => {
    const hono = app();
    const res = await hono.request(`${ORIGIN}/login?as=NUMBER`, { method: 'POST' });
    assert.equal(res.status, 500);
    assert.match(await res.text(), /^TypeError: .*non-empty string/);
    assert.deepEqual(res.headers.getSetCookie(), []);
  });
});
