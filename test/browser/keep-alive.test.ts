import { expect } from '@open-wc/testing';
import { KeepAlive, MAX_BACKOFF, effectivePingInterval } from '../../src/keep-alive.js';

const S = 1000;

function setup(interval = 30) {
  const clock = { now: 1_700_000_000_000 };
  const keepAlive = new KeepAlive({ interval, now: () => clock.now, random: () => 0 });
  return { clock, keepAlive };
}

describe('effectivePingInterval', () => {
  it('defaults to half the warning window, at most 60 s and at least 1 s', () => {
    expect(effectivePingInterval(undefined, 840, 900)).to.equal(30);
    expect(effectivePingInterval(undefined, 3000, 3600)).to.equal(60);
    expect(effectivePingInterval(undefined, 20, 30)).to.equal(5);
    expect(effectivePingInterval(undefined, 29.5, 30)).to.equal(1);
  });

  it('takes a shorter interval as asked, and shortens one that could let an active session lapse', () => {
    expect(effectivePingInterval(10, 840, 900)).to.equal(10);
    expect(effectivePingInterval(120, 840, 900)).to.equal(30);
    for (const bad of [0, -5, NaN, Infinity, null]) expect(effectivePingInterval(bad, 840, 900)).to.equal(30);
  });
});

describe('KeepAlive', () => {
  it('sends only news: nothing while the user is idle', () => {
    const { clock, keepAlive } = setup();
    const activity = clock.now;
    expect(keepAlive.due(activity, true)).to.equal(true);
    keepAlive.sent(activity);
    clock.now += 10 * 60 * S; // ten idle minutes
    expect(keepAlive.due(activity, true), 'same activity as last reported').to.equal(false);
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
    expect(sent).to.equal(10); // 300 s of constant activity at one ping per 30 s
  });

  it('counts pings of other tabs: a non-leader steps in only after two quiet intervals', () => {
    const { clock, keepAlive } = setup(30);
    keepAlive.seen(clock.now);
    clock.now += 31 * S;
    expect(keepAlive.due(clock.now, false), 'the leader is expected to ping').to.equal(false);
    expect(keepAlive.due(clock.now, true)).to.equal(true);
    clock.now += 30 * S;
    expect(keepAlive.due(clock.now, false), 'the leader went quiet').to.equal(true);
  });

  it('backs off after failures, doubling up to five minutes, and resets on an answer', () => {
    const { clock, keepAlive } = setup(30);
    const waits: number[] = [];
    for (let failure = 0; failure < 6; failure++) {
      keepAlive.sent(clock.now);
      keepAlive.failed();
      waits.push(keepAlive.retryIn / S);
      clock.now += 1;
      expect(keepAlive.due(clock.now, true), 'no retry before the wait').to.equal(false);
      clock.now += keepAlive.retryIn;
      expect(keepAlive.due(clock.now, true), 'the unsent news goes out after the wait').to.equal(true);
    }
    expect(waits).to.deep.equal([30, 60, 120, 240, MAX_BACKOFF, MAX_BACKOFF]);
    keepAlive.succeeded();
    expect(keepAlive.retryIn).to.equal(0);
  });

  it('a clock set back neither silences the keep-alive nor stretches a backoff (issue 20)', () => {
    const { clock, keepAlive } = setup();
    keepAlive.sent(clock.now - 1);
    clock.now -= 3600 * S; // set back an hour
    expect(keepAlive.due(clock.now, true), 'the last ping was not an hour in the future').to.equal(true);
    keepAlive.failed();
    clock.now -= 3600 * S;
    expect(keepAlive.retryIn).to.be.greaterThan(MAX_BACKOFF * S);
    keepAlive.due(clock.now, true);
    expect(keepAlive.retryIn).to.equal(0);
  });
});
