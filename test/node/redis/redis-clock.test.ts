/**
 * RedisClock: Redis' time carried by the monotonic clock, and the offset that puts this server's
 * wall-clock times on it (issue 21). The wall clock is stepped by replacing Date.now for the test.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { CLOCK_MARGIN, RedisClock } from '../../../src/hono/store/redis-clock.js';

const realNow = Date.now;
afterEach(() => {
  Date.now = realNow;
});
const stepBy = (ms: number) => {
  Date.now = () => realNow() + ms;
};

describe('RedisClock', () => {
  it('takes a wall clock within the margin of Redis’ as it is (offset 0: times stored as given)', () => {
    assert.equal(new RedisClock(realNow() + CLOCK_MARGIN - 100).offset(), 0);
    assert.equal(new RedisClock(realNow() - CLOCK_MARGIN + 100).offset(), 0);
  });

  it('corrects a wall clock further off: a server 60 s ahead gets −60 s', () => {
    stepBy(60_000);
    const offset = new RedisClock(realNow()).offset();
    assert.ok(Math.abs(offset + 60_000) <= 2, `offset ${offset}`);
  });

  it('follows a step of the wall clock after the reading, not Redis’ time', () => {
    const clock = new RedisClock(realNow());
    const redisBefore = clock.now();
    stepBy(-300_000);
    assert.ok(Math.abs(clock.offset() - 300_000) <= 2, `offset ${clock.offset()}`);
    assert.ok(clock.now() - redisBefore < 1000, 'Redis’ time, read by the monotonic clock, did not move with the step');
  });

  it('does not take a slowly answered reading for a clock that is off: its error is the round trip', () => {
    // The reply came 1.5 s after the request (a busy event loop, a loaded machine): Redis' TIME, stamped
    // when Redis ran the script, reads 1.2 s behind this clock although the two agree.
    const clock = new RedisClock(realNow() - 1200, performance.now(), 1500);
    assert.equal(clock.offset(), 0, 'no correction from an uncertain reading');
    stepBy(60_000);
    assert.ok(Math.abs(clock.offset() + 61_200) <= 2, `a real step beyond margin and round trip is still followed: ${clock.offset()}`);
  });

  it('keeps its offset through a new reading within the margin', () => {
    const clock = new RedisClock(realNow());
    clock.read(realNow() + CLOCK_MARGIN / 2);
    assert.equal(clock.offset(), 0);
    assert.equal(clock.stale, false);
  });
});
