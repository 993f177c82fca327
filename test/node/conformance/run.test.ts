// The conformance kit, proven both ways: it passes against the real demo, and each server broken in
// one way fails with the rule for that way named (and no other rule), all over real HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runConformance, type ConformanceReport, type RuleId } from '../../../src/conformance/run.js';
import { EXPIRE_AFTER, WARN_AFTER, idleOf, rebuild, revivingStore, serveBroken, serveDemo, shorteningStore, type Breakage, type Served } from './servers.js';

const failedRules = (report: ConformanceReport): RuleId[] => report.results.filter((r) => r.status === 'fail').map((r) => r.rule.id);
const explain = (report: ConformanceReport): string =>
  report.results.map((r) => `${r.status} ${r.rule.id}${r.messages.length ? `: ${r.messages.join(' | ')}` : ''}`).join('\n');

function check(origin: string, guarded: string): Promise<ConformanceReport> {
  return runConformance({ baseUrl: origin, signIn: '/login', guarded, expireAfter: EXPIRE_AFTER, warnAfter: WARN_AFTER });
}

/** A copy of a JSON answer with `change` applied to its body. */
async function withJson(response: Response, change: (body: Record<string, unknown>) => void): Promise<Response> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
  const body = (await response.json()) as Record<string, unknown>;
  change(body);
  return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
}

/** Each way of breaking the protocol, and the one rule that must name it. */
const BROKEN: { name: string; rule: RuleId; breakage: Breakage }[] = [
  {
    name: 'counts every ping as activity (reads idle as 0)',
    rule: 'ping-not-activity',
    breakage: { async request(request) {
      const text = await request.text();
      return rebuild(request, { body: text.length > 1024 || idleOf(text) === undefined ? text : JSON.stringify({ idle: 0 }) });
    } },
  },
  { name: 'revives an ended session', rule: 'never-revived', breakage: { store: revivingStore } },
  { name: 'sets lastActivity = now − idle (a long idle ends the session)', rule: 'activity-max', breakage: { store: shorteningStore } },
  {
    name: 'answers without Cache-Control: no-store',
    rule: 'no-store',
    breakage: { response(response) {
      const headers = new Headers(response.headers);
      headers.delete('cache-control');
      return new Response(response.body, { status: response.status, headers });
    } },
  },
  {
    name: 'accepts cross-site pings (ignores Origin and Sec-Fetch-Site)',
    rule: 'cross-site-403',
    breakage: { request: (request) => rebuild(request, { headers: (h) => { h.delete('origin'); h.delete('sec-fetch-site'); } }) },
  },
  {
    name: 'answers 200 to a bad body (takes it as {"idle": 0})',
    rule: 'bad-body-400',
    breakage: { async request(request) {
      const text = await request.text();
      return rebuild(request, { body: text.length <= 1024 && idleOf(text) === undefined ? '{"idle":0}' : text });
    } },
  },
  { name: 'answers 404, not 405, to other methods (mounted with app.post)', rule: 'method-405', breakage: { postOnly: true } },
  {
    name: 'accepts bodies over 1 KiB',
    rule: 'too-large-413',
    breakage: { async request(request) {
      const text = await request.text();
      return rebuild(request, { body: text.length > 1024 ? JSON.stringify({ idle: idleOf(text) }) : text });
    } },
  },
  {
    name: 'counts passive requests as activity (ignores X-Session-Passive)',
    rule: 'passive',
    breakage: { everyRequest: (request) => rebuild(request, { headers: (h) => h.delete('x-session-passive') }) },
  },
  { name: 'never counts a guarded request as activity', rule: 'guarded-served', breakage: { options: { passive: () => true } } },
  { name: 'answers a page load without a session 401, not 303 (no redirect)', rule: 'guarded-refused', breakage: { options: { redirect: undefined } } },
  {
    name: 'says "missing" for a session that ended idle',
    rule: 'end-reason',
    breakage: { response: (response) => (response.status === 401 ? withJson(response, (body) => { if (body.reason === 'idle') body.reason = 'missing'; }) : response) },
  },
  {
    name: 'sends remaining as a string',
    rule: 'answer-200',
    breakage: { response: (response) => (response.status === 200 ? withJson(response, (body) => { body.remaining = String(body.remaining); }) : response) },
  },
];

describe('the conformance kit', () => {
  const servers: Served[] = [];
  const reports = new Map<string, ConformanceReport>();
  // Every run at once, the demo's too: each mostly waits for its idle sessions to end.
  before(async () => {
    const demo = async (): Promise<void> => {
      const server = await serveDemo();
      servers.push(server);
      reports.set('demo', await check(server.origin, '/'));
    };
    const broken = BROKEN.map(async ({ name, breakage }) => {
      const server = await serveBroken(breakage);
      servers.push(server);
      reports.set(name, await check(server.origin, '/app'));
    });
    // The demo also with a --cookie (one session, waited out at the end) and with no guarded path.
    const demoAlso = async (): Promise<void> => {
      const server = await serveDemo();
      servers.push(server);
      const signIn = await fetch(`${server.origin}/login`, { method: 'POST', body: new URLSearchParams({ username: 'ada' }), redirect: 'manual' });
      const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
      const [withCookie, unguarded] = await Promise.all([
        runConformance({ baseUrl: server.origin, cookie, guarded: '/', expireAfter: EXPIRE_AFTER }),
        runConformance({ baseUrl: server.origin, signIn: '/login' }),
      ]);
      reports.set('demo --cookie', withCookie);
      reports.set('demo, no --guarded', unguarded);
    };
    // A server with presence on (issue 23): the presence rule is checked, and sessions left alone end `closed`.
    const presence = async (): Promise<void> => {
      // As long as it may be (below expireAfter): the kit's checks, slowed by the suites beside it, must not
      // leave a gap that ends the session `closed` before its presence rule is reached.
      const server = await serveBroken({ options: { closeAfter: EXPIRE_AFTER - 1 } });
      servers.push(server);
      reports.set('closeAfter', await check(server.origin, '/app'));
    };
    await Promise.all([demo(), demoAlso(), presence(), ...broken]);
  });
  after(() => Promise.all(servers.map((server) => server.close())));

  it('passes against the demo', () => {
    const report = reports.get('demo')!;
    assert.ok(report.passed, explain(report));
    const skipped = report.results.filter((r) => r.status === 'skip').map((r) => r.rule.id);
    assert.deepEqual(skipped, ['presence'], 'everything but the optional presence is checked');
  });

  it('passes against a server with closeAfter on, the presence rule checked (issue 23)', () => {
    const report = reports.get('closeAfter')!;
    assert.ok(report.passed, explain(report));
    assert.equal(report.results.find((r) => r.rule.id === 'presence')!.status, 'pass', explain(report));
    assert.deepEqual(report.results.filter((r) => r.status === 'skip').map((r) => r.rule.id), []);
  });

  it('passes against the demo with a --cookie instead of signing in, and without a guarded path', () => {
    const withCookie = reports.get('demo --cookie')!;
    assert.ok(withCookie.passed, explain(withCookie));
    assert.deepEqual(withCookie.results.filter((r) => r.status === 'skip').map((r) => r.rule.id), ['sign-in', 'cookie', 'presence']);
    assert.equal(withCookie.results.find((r) => r.rule.id === 'never-revived')!.status, 'pass', 'the one session is waited out at the end');

    const unguarded = reports.get('demo, no --guarded')!;
    assert.ok(unguarded.passed, explain(unguarded));
    const skipped = unguarded.results.filter((r) => r.status === 'skip');
    assert.deepEqual(skipped.map((r) => r.rule.id), ['guarded-served', 'passive', 'guarded-refused', 'presence']);
    assert.equal(skipped[0]!.messages[0], 'no --guarded path given');
  });

  describe('fails each broken server with the rule it breaks named, and no other', () => {
    for (const { name, rule } of BROKEN) {
      it(`${name}: ${rule}`, () => {
        const report = reports.get(name)!;
        assert.equal(report.passed, false, explain(report));
        assert.deepEqual(failedRules(report), [rule], explain(report));
      });
    }
  });
});
