// The keep-alive policy is pure logic with an injected clock: it runs under Node, once, rather than
// in three browsers (moved from test/browser/keep-alive.test.ts with every assertion).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeepAlive, MAX_BACKOFF, effectivePingInterval } from '../../../src/idle/keep-alive.js';

const S = 1000;

function setup(interval = 30) {
  const clock = { now: 1_700_000_000_000 };
  const keepAlive = new KeepAlive({ interval, now: () => clock.now, random: () => 0 });
  return { clock, keepAlive };
}

describe('effectivePingInterval', () => {
  it('defaults to half the warning window, at most 60 s and at least 1 s', () => {
    assert.equal(effectivePingInterval(undefined, 840, 900), 30);
    assert.equal(effectivePingInterval(undefined, 3000, 3600), 60);
    assert.equal(effectivePingInterval(undefined, 20, 30), 5);
    assert.equal(effectivePingInterval(undefined, 29.5, 30), 1);
  });

  it('takes a shorter interval as asked, and shortens one that could let an active session lapse', () => {
    assert.equal(effectivePingInterval(10, 840, 900), 10);
    assert.equal(effectivePingInterval(120, 840, 900), 30);
    for (const bad of [0, -5, NaN, Infinity, null]) assert.equal(effectivePingInterval(bad, 840, 900), 30);
  });
});

describe('KeepAlive', () => {
  it('sends only news: nothing while the user is idle', () => {
    const { clock, keepAlive } = setup();
    const activity = clock.now;
    assert.equal(keepAlive.due(activity, true), true);
    keepAlive.sent(activity);
    clock.now += 10 * 60 * S; // ten idle minutes
    assert.equal(keepAlive.due(activity, true), false, 'same activity as last reported');
  });

  it('sends at most one ping per interval while the user is active', () => {
    const { clock, keepAlive } = setup(30);
    let sent = 0;
    for (let second = 0; second < 300; second++) {
      clock.now += S;
      if (keepAlive.due(clock.now, true)) {
        keepAlive.sent(clock.now);
        sent++;
      }
    }
    assert.equal(sent, 10); // 300 s of constant activity at one ping per 30 s
  });

  it('counts pings of other tabs: a non-leader steps in only after two quiet intervals', () => {
    const { clock, keepAlive } = setup(30);
    keepAlive.seen(clock.now);
    clock.now += 31 * S;
    assert.equal(keepAlive.due(clock.now, false), false, 'the leader is expected to ping');
    assert.equal(keepAlive.due(clock.now, true), true);
    clock.now += 30 * S;
    assert.equal(keepAlive.due(clock.now, false), true, 'the leader went quiet');
  });

  it('backs off after failures, doubling up to five minutes, and resets on an answer', () => {
    const { clock, keepAlive } = setup(30);
    const waits: number[] = [];
    for (let failure = 0; failure < 6; failure++) {
      keepAlive.sent(clock.now);
      keepAlive.failed();
      waits.push(keepAlive.retryIn / S);
      clock.now += 1;
      assert.equal(keepAlive.due(clock.now, true), false, 'no retry before the wait');
      clock.now += keepAlive.retryIn;
      assert.equal(keepAlive.due(clock.now, true), true, 'the unsent news goes out after the wait');
    }
    assert.deepEqual(waits, [30, 60, 120, 240, MAX_BACKOFF, MAX_BACKOFF]);
    keepAlive.succeeded();
    assert.equal(keepAlive.retryIn, 0);
  });

  it('a clock set back neither silences the keep-alive nor stretches a backoff (issue 20)', () => {
    const { clock, keepAlive } = setup();
    keepAlive.sent(clock.now - 1);
    clock.now -= 3600 * S; // set back an hour
    assert.equal(keepAlive.due(clock.now, true), true, 'the last ping was not an hour in the future');
    keepAlive.failed();
    clock.now -= 3600 * S;
    assert.ok(keepAlive.retryIn > MAX_BACKOFF * S);
    keepAlive.due(clock.now, true);
    assert.equal(keepAlive.retryIn, 0);
  });
});
