// Sending pings: numbering, stale answers and the shared bookkeeping, under Node with a scripted fetch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeepAlive } from '../../../src/idle/keep-alive.js';
import { Pinger } from '../../../src/session/pinger.js';

/** A fetch whose answers the test releases one by one, in any order. */
function scriptedFetch() {
  const pending: Array<(response: Response) => void> = [];
  const fetch = ((_: unknown, init: RequestInit) => new Promise<Response>((resolve, reject) => {
    pending.push(resolve);
    init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
  })) as unknown as typeof globalThis.fetch;
  const alive = (remaining: number) => new Response(JSON.stringify({ remaining, expireAfter: 900, warnAfter: 840, absoluteRemaining: null }),
    { status: 200, headers: { 'Content-Type': 'application/json' } });
  return { fetch, pending, alive };
}

function setup() {
  const clock = { now: 1_700_000_000_000 };
  const keepAlive = new KeepAlive({ interval: 30, now: () => clock.now, random: () => 0 });
  const pinged: number[] = [];
  const pinger = new Pinger({ keepAlive: () => keepAlive, pinged: (at) => pinged.push(at), now: () => clock.now, debug() {} });
  return { clock, keepAlive, pinged, pinger };
}

describe('Pinger', () => {
  it('no client: nothing sent', async () => {
    const { pinger, pinged } = setup();
    pinger.renew(null);
    assert.equal(await pinger.send(5, 0), null);
    assert.deepEqual(pinged, []);
  });

  it('only the latest ping’s answer counts; the other tabs hear each one leave', async () => {
    const { pinger, pinged, clock } = setup();
    const server = scriptedFetch();
    pinger.renew('http://localhost/ping', server.fetch);
    const first = pinger.send(5, clock.now - 5000);
    clock.now += 100;
    const second = pinger.send(0, clock.now);
    await new Promise((resolve) => setTimeout(resolve));
    server.pending[1]!(server.alive(900));
    server.pending[0]!(server.alive(895));
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, null, 'overtaken');
    assert.equal(b?.result.kind, 'alive');
    assert.equal(b?.since, clock.now);
    assert.deepEqual(pinged, [clock.now - 100, clock.now]);
  });

  it('an answer to a replaced client is never applied', async () => {
    const { pinger } = setup();
    const server = scriptedFetch();
    pinger.renew('http://localhost/ping', server.fetch);
    const sent = pinger.send(5, 0);
    await new Promise((resolve) => setTimeout(resolve));
    pinger.renew('http://localhost/other', server.fetch); // aborts the request in flight
    assert.equal(await sent, null);
  });

  it('a failed ping backs the keep-alive off', async () => {
    const { pinger, keepAlive, clock } = setup();
    const server = scriptedFetch();
    pinger.renew('http://localhost/ping', server.fetch);
    const sent = pinger.send(5, clock.now);
    await new Promise((resolve) => setTimeout(resolve));
    server.pending[0]!(new Response('down', { status: 500 }));
    assert.equal((await sent)?.result.kind, 'unknown');
    assert.equal(keepAlive.retryIn, 30_000, 'backing off after the failure');
  });
});
