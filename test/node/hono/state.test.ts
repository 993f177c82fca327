import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveState } from '../../../src/hono/state.js';

const limits = (expireAfter: number, absoluteTimeout: number | null) => ({ expireAfter, absoluteTimeout, expireAfterSeconds: expireAfter / 1000, warnAfterSeconds: expireAfter / 1000 - 60, closeAfter: null, closeAfterSeconds: null });

describe('liveState', () => {
  const t0 = Date.UTC(2025, 0, 1);

  it('gives seconds left until the idle limit without an absolute one', () => {
    assert.deepEqual(liveState('id', t0, t0, t0 + 100_500, limits(900_000, null)), {
      id: 'id', expired: false, reason: null, remaining: 799.5, absoluteRemaining: null, expireAfter: 900, warnAfter: 840,
    });
  });

  it('caps remaining at the absolute limit', () => {
    const state = liveState('id', t0 + 3_500_000, t0, t0 + 3_500_000, limits(900_000, 3_600_000));
    assert.deepEqual([state.remaining, state.absoluteRemaining], [100, 100]);
  });

  it('never reports more than the limits, whatever store answered a time after now (issue 21: a clock stepped back)', () => {
    const state = liveState('id', t0 + 300_000, t0 + 300_000, t0, limits(120_000, 3_600_000));
    assert.deepEqual([state.remaining, state.absoluteRemaining], [120, 3600]);
  });
});
