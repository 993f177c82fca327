// Holds and their re-pings: pure logic on the fake clock, under Node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleEngine } from '../../../src/idle/engine.js';
import { Holds } from '../../../src/session/holds.js';
import { FakeTime } from '../../browser/fake-time.js';

const S = 1000;

function setup(live = true) {
  const time = new FakeTime();
  const events = { input: 0, released: 0 };
  const holds = new Holds(() => time, {
    live: () => live,
    interval: () => 30,
    input: () => events.input++,
    released: () => events.released++,
  });
  const engine = new IdleEngine({ warnAfter: 60, expireAfter: 90, now: time.clock, scheduler: time });
  engine.start();
  return { time, holds, engine, events };
}

describe('Holds', () => {
  it('nested holds are one hold of the engine; it counts as input once per interval until the last release', () => {
    const { time, holds, engine, events } = setup();
    const first = holds.hold(engine);
    const second = holds.hold(engine);
    time.advance(3600 * S);
    assert.equal(engine.state, 'active', 'held an hour: no warning');
    assert.equal(events.input, 120, 'one input per 30 s');
    first();
    first(); // twice is harmless
    assert.equal(holds.held, true);
    time.advance(30 * S);
    assert.equal(events.input, 121);
    second();
    assert.deepEqual([holds.held, events.released], [false, 1]);
    time.advance(60 * S);
    assert.equal(events.input, 121, 'no re-pings once released');
    assert.equal(engine.state, 'warning', 'the deadlines are back, counted from the release');
  });

  it('a new engine is held too; no re-pings while the session is not live', () => {
    const { time, holds, engine, events } = setup(false);
    holds.hold(null); // while disabled: no engine yet
    holds.adopt(engine);
    time.advance(3600 * S);
    assert.equal(engine.state, 'active');
    assert.equal(events.input, 0);
  });
});
