// The idle engine is pure logic with an injected clock and scheduler: it runs under Node, once,
// rather than in three browsers (moved from test/browser/engine.test.ts with every assertion).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleEngine, resolveDurations, type IdleEngineEvent, type IdleEngineOptions } from '../../../src/idle/engine.js';
import { FakeTime, flush } from '../../browser/fake-time.js';

/** `actual` within `delta` of `expected`. */
function assertCloseTo(actual: number, expected: number, delta: number, message?: string): void {
  assert.ok(Math.abs(actual - expected) <= delta, message ?? `expected ${actual} to be ${expected} ± ${delta}`);
}

/** `actual` has every property of `expected`, with equal values. */
function assertIncludes(actual: unknown, expected: Record<string, unknown>, message?: string): void {
  for (const [key, value] of Object.entries(expected)) assert.deepEqual((actual as Record<string, unknown>)[key], value, message);
}

const S = 1000;

function setup(options: IdleEngineOptions = {}) {
  const time = new FakeTime();
  const engine = new IdleEngine({ warnAfter: 60, expireAfter: 90, now: time.clock, scheduler: time, ...options });
  const events: IdleEngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  const types = () => events.map((event) => event.type);
  return { time, engine, events, types };
}

describe('IdleEngine', () => {
  it('goes active → warning → expired on the deadlines, with no wake-up before the warning', () => {
    const { time, engine, events } = setup();
    engine.start();
    assert.equal(engine.state, 'active');
    assert.equal(engine.warnAt - time.now, 60 * S);
    assert.equal(engine.expireAt - time.now, 90 * S);

    time.advance(60 * S - 1);
    assert.equal(engine.state, 'active');
    assert.equal(time.fired, 0, 'timer callbacks while idle before the warning');

    time.advance(1);
    assert.equal(engine.state, 'warning');
    assert.deepEqual(events[0], { type: 'warn', remaining: 30, reason: 'idle' });

    time.advance(30 * S);
    assert.equal(engine.state, 'expired');
    assert.deepEqual(events.at(-1), { type: 'expire', reason: 'idle' });
    assert.equal(time.pending, 0, 'no timer left once expired');
    assert.equal(engine.remaining, 0);
  });

  it('ticks once a second while the warning is open, aligned on whole seconds of the deadline', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(60 * S);
    const firedAtWarning = time.fired;
    time.advance(300); // 29.7 s left
    time.sleep(0);
    time.advance(700); // 29 s left: a tick exactly on the whole second
    const ticks = events.filter((event) => event.type === 'tick').map((event) => (event as { remaining: number }).remaining);
    assert.deepEqual(ticks, [30, 29]);
    time.advance(10 * S);
    assert.equal(time.fired - firedAtWarning, 11);
    assert.deepEqual(events.filter((event) => event.type === 'tick').at(-1), { type: 'tick', remaining: 19 });
  });

  it('computes the countdown from the deadline: a late tick shows the true remaining time', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(60 * S);
    time.sleep(12_400); // the tab was frozen: no ticks for 12.4 s
    time.advance(600);
    const last = events.at(-1) as { type: string; remaining: number };
    assert.equal(last.type, 'tick');
    assert.equal(last.remaining, 17);
  });

  it('records activity as a timestamp only: 0 setTimeout/clearTimeout calls for 100,000 events', () => {
    const { time, engine } = setup();
    engine.start();
    const before = { set: time.setCalls, clear: time.clearCalls };
    for (let i = 0; i < 100_000; i++) {
      time.now += 1;
      engine.recordActivity();
    }
    assert.equal(time.setCalls - before.set, 0);
    assert.equal(time.clearCalls - before.clear, 0);
    assert.equal(engine.lastActivity, time.now);
  });

  it('with continuous activity the one timer wakes at most once per warn-after, and never warns', () => {
    const { time, engine } = setup();
    engine.start();
    for (let second = 0; second < 600; second++) {
      time.advance(S);
      engine.recordActivity();
    }
    assert.equal(engine.state, 'active');
    assert.ok(time.fired <= 600 / 60);
    assert.equal(time.pending, 1);
  });

  it('re-arms for the deadline that activity moved, then warns warn-after after the last activity', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(50 * S);
    engine.recordActivity(); // deadline moves to 110 s
    time.advance(10 * S); // the timer armed for 60 s fires and re-arms
    assert.equal(engine.state, 'active');
    assert.equal(time.fired, 1);
    time.advance(50 * S - 1);
    assert.equal(engine.state, 'active');
    time.advance(1);
    assert.equal(engine.state, 'warning');
  });

  it('extend() closes the warning and restarts the deadlines from now', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(70 * S);
    engine.extend();
    assert.equal(engine.state, 'active');
    assert.deepEqual(events.at(-1), { type: 'extend', remaining: 90, source: 'user' });
    assert.equal(engine.warnAt - time.now, 60 * S);
  });

  it('ignores activity while the warning is open, unless extendOnActivity', () => {
    const plain = setup();
    plain.engine.start();
    plain.time.advance(61 * S);
    plain.engine.recordActivity();
    plain.time.advance(2 * S);
    assert.equal(plain.engine.state, 'warning');

    const eager = setup({ extendOnActivity: true });
    eager.engine.start();
    eager.time.advance(61 * S);
    eager.engine.recordActivity();
    assert.equal(eager.engine.state, 'warning', 'a timestamp only: nothing happens at once');
    eager.time.advance(S); // the next countdown tick sees it
    assert.equal(eager.engine.state, 'active');
    assertIncludes(eager.events.at(-1), { type: 'extend', source: 'activity' });
  });

  it('hold() keeps the session alive; holds nest; releasing twice is harmless', () => {
    const { time, engine, types } = setup();
    engine.start();
    const first = engine.hold();
    const second = engine.hold();
    assert.equal(time.pending, 0, 'no timer while held');
    time.advance(3600 * S);
    assert.equal(engine.state, 'active');
    assert.equal(engine.idle, 0);
    first();
    first();
    time.advance(3600 * S);
    assert.equal(engine.state, 'active', 'still held by the second');
    second();
    assert.equal(engine.warnAt - time.now, 60 * S, 'the time held counts as activity');
    time.advance(60 * S);
    assert.equal(engine.state, 'warning');
    assert.deepEqual(types(), ['warn', 'tick']);
  });

  it('hold() while the warning is open closes it', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(65 * S);
    const release = engine.hold();
    assert.equal(engine.state, 'active');
    assertIncludes(events.at(-1), { type: 'extend', source: 'hold' });
    release();
  });

  it('a machine that slept past the deadline expires at once when re-evaluated', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.sleep(2 * 3600 * S);
    engine.reevaluate();
    assert.equal(engine.state, 'expired');
    assert.deepEqual(events.map((event) => event.type), ['expire']);
  });

  it('a machine that wakes inside the warning window shows the warning with the true remaining time', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.sleep(80 * S);
    engine.reevaluate();
    assert.equal(engine.state, 'warning');
    assert.deepEqual(events[0], { type: 'warn', remaining: 10, reason: 'idle' });
  });

  it('rebase() follows the server: its remaining time, not the client clock', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(65 * S);
    assert.equal(engine.state, 'warning');
    engine.rebase(80); // another tab was active: 80 s left
    assert.equal(engine.state, 'active');
    assert.deepEqual(events.at(-1), { type: 'extend', remaining: 80, source: 'server' });
    assert.equal(engine.expireAt - time.now, 80 * S);
    engine.rebase(12); // the server says time is short
    assert.equal(engine.state, 'warning');
    assert.equal(engine.remaining, 12);
  });

  it('rebase() keeps activity recorded after the request left', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(10 * S);
    const sentAt = time.now;
    time.advance(S);
    engine.recordActivity();
    engine.rebase(50, null, sentAt);
    assert.equal(engine.expireAt - time.now, 90 * S);
  });

  it('an absolute limit from the server caps the deadline and ends with reason absolute', () => {
    const { time, engine, events } = setup();
    engine.start();
    engine.rebase(90, 40);
    assert.equal(engine.expireAt - time.now, 40 * S);
    for (let i = 0; i < 50; i++) {
      engine.recordActivity();
      time.advance(S);
    }
    assert.equal(engine.state, 'expired');
    assert.deepEqual(events.at(-1), { type: 'expire', reason: 'absolute' });
  });

  it('asks confirm() before warning and before expiring, and follows what it learnt', async () => {
    const asked: string[] = [];
    let answer: (engine: IdleEngine) => void = () => {};
    const { time, engine } = setup({
      confirm: async (next) => {
        asked.push(next);
        answer(engine);
      },
    });
    engine.start();

    answer = (e) => e.rebase(70); // another device was active
    time.advance(60 * S);
    await flush();
    assert.deepEqual(asked, ['warning']);
    assert.equal(engine.state, 'active');

    answer = () => {}; // no news (e.g. a network error): go ahead locally
    time.advance(50 * S);
    await flush();
    assert.deepEqual(asked, ['warning', 'warning']);
    assert.equal(engine.state, 'warning');

    answer = (e) => e.expire('server');
    time.advance(30 * S);
    await flush();
    assert.equal(asked.at(-1), 'expired');
    assert.equal(engine.state, 'expired');
  });

  it('a failed confirmation still lets the session end locally', async () => {
    const { time, engine } = setup({ confirm: () => Promise.reject(new Error('offline')) });
    engine.start();
    time.advance(60 * S);
    await flush();
    time.advance(30 * S);
    await flush();
    assert.equal(engine.state, 'expired');
  });

  it('expire(reason) ends at once and for good; stop() and dispose() leave no timer', () => {
    const { time, engine, events } = setup();
    engine.start();
    engine.expire('logout');
    engine.extend();
    engine.rebase(100);
    engine.start();
    assert.equal(engine.state, 'expired');
    assert.deepEqual(events, [{ type: 'expire', reason: 'logout' }]);
    assert.equal(time.pending, 0);

    const other = setup();
    other.engine.start();
    other.engine.stop();
    assert.equal(other.time.pending, 0);
    other.engine.start();
    other.engine.dispose();
    assert.equal(other.time.pending, 0);
  });

  it('configure() moves the deadlines, anchored on the last activity', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(30 * S);
    engine.configure({ warnAfter: 20, expireAfter: 40 });
    assert.equal(engine.state, 'warning');
    assert.equal(engine.remaining, 10);
  });
});

describe('IdleEngine: the server sets deadlines, input stays real (issue 10)', () => {
  it('a server answer never moves the last input: idle is what the user did, whatever the durations', () => {
    // Element at 600 s, server at 900 s: after 100 s idle the server says 800 s are left.
    const { time, engine } = setup({ warnAfter: 540, expireAfter: 600 });
    engine.start();
    time.advance(100 * S);
    engine.rebase(800);
    assert.equal(engine.idle, 100, 'seconds since real input');
    assert.ok(engine.lastActivity <= time.now);
    assert.equal(engine.expireAt - time.now, 800 * S, 'the server decides when it ends');
    time.advance(300 * S);
    assert.equal(engine.idle, 400);
  });

  it('counts the server deadlines from when the request left, never later than now', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(10 * S);
    engine.rebase(50, 70, time.now - 2 * S);
    assert.equal(engine.expireAt - time.now, 48 * S, 'from the request, 2 s ago');
    engine.rebase(50, null, time.now + 10 * S);
    assert.equal(engine.expireAt - time.now, 50 * S, 'a future instant counts as now');
  });

  it('absoluteRemaining null clears an absolute limit; absent leaves it', () => {
    const { time, engine } = setup();
    engine.start();
    engine.rebase(90, 40);
    engine.rebase(90);
    assert.equal(engine.expireAt - time.now, 40 * S);
    engine.rebase(90, null);
    assert.equal(engine.expireAt - time.now, 90 * S);
  });

  it('input after the request left still counts, from the local limit', () => {
    const { time, engine } = setup();
    engine.start();
    const since = time.now;
    time.advance(5 * S);
    engine.recordActivity();
    engine.rebase(20, null, since);
    assert.equal(engine.expireAt - time.now, 90 * S);
    assert.equal(engine.idle, 0);
  });

  it('knows which end comes next', () => {
    const { engine } = setup();
    engine.start();
    assert.equal(engine.nextEnd, 'idle');
    engine.rebase(90, 40);
    assert.equal(engine.nextEnd, 'absolute');
  });

  it('warns once before the absolute end; extend() only dismisses it, and it never reopens', () => {
    const { time, engine, events, types } = setup({ extendOnActivity: true });
    engine.start();
    engine.rebase(90, 40);
    time.advance(10 * S); // 30 s (expire-after − warn-after) before the absolute end
    assert.equal(engine.state, 'warning');
    assert.equal(engine.warningReason, 'absolute');
    assert.deepEqual(events.find((event) => event.type == 'warn'), { type: 'warn', remaining: 30, reason: 'absolute' });
    engine.extend();
    assert.equal(engine.state, 'active');
    assert.deepEqual(events.at(-1), { type: 'dismiss', remaining: 30 });
    for (let i = 0; i < 29; i++) {
      engine.recordActivity();
      engine.extend();
      time.advance(S);
    }
    assert.equal(types().filter((type) => type == 'warn').length, 1, 'no warning loop');
    assert.equal(engine.remaining, 1, 'extending never passes the absolute end');
    time.advance(S);
    assert.equal(engine.state, 'expired');
    assert.deepEqual(events.at(-1), { type: 'expire', reason: 'absolute' });
  });

  it('activity does not close an absolute warning, even with extendOnActivity', () => {
    const { time, engine } = setup({ extendOnActivity: true });
    engine.start();
    engine.rebase(90, 40);
    time.advance(12 * S);
    engine.recordActivity();
    time.advance(2 * S);
    assert.equal(engine.warningReason, 'absolute');
  });

  it('a new absolute limit (a new session) may warn again', () => {
    const { time, engine, types } = setup();
    engine.start();
    engine.rebase(90, 40);
    time.advance(10 * S);
    engine.dismiss();
    engine.rebase(90, 35); // the same end, 5 s later: no new warning
    assert.equal(engine.state, 'active');
    engine.rebase(90, 200);
    time.advance(170 * S);
    assert.equal(types().filter((type) => type == 'warn').length, 2);
  });

  it('hold() does not outlast a known absolute limit', () => {
    const { time, engine, events } = setup();
    engine.start();
    engine.rebase(90, 40);
    const release = engine.hold();
    time.advance(10 * S);
    assert.equal(engine.warningReason, 'absolute');
    time.advance(30 * S);
    assert.equal(engine.state, 'expired');
    assert.deepEqual(events.at(-1), { type: 'expire', reason: 'absolute' });
    release();
  });

  it('a listener that throws stops neither the other listeners nor the countdown', () => {
    const errors: unknown[] = [];
    const { time, engine, types } = setup({ onListenerError: (error) => errors.push(error) });
    engine.subscribe(() => {
      throw new Error('app bug');
    });
    engine.start();
    time.advance(60 * S);
    assert.equal(engine.state, 'warning');
    time.advance(30 * S);
    assert.equal(engine.state, 'expired');
    for (const member of ['warn', 'tick', 'expire'] as const) assert.ok(types().includes(member));
    assert.ok(errors.length > 2);
    assert.equal((errors[0] as Error).message, 'app bug');
  });

  it('a new configuration that closes the warning is not an extend', () => {
    const { time, engine, types } = setup();
    engine.start();
    time.advance(65 * S);
    engine.configure({ warnAfter: 80 });
    assert.equal(engine.state, 'active');
    assert.ok(!types().includes('extend'));
    time.advance(15 * S);
    assert.equal(engine.state, 'warning');
  });
});

describe('resolveDurations (bad configuration)', () => {
  it('keeps good values', () => {
    assert.deepEqual(resolveDurations({ warnAfter: 0.2, expireAfter: 0.5 }), { warnAfter: 0.2, expireAfter: 0.5, problems: [] });
  });

  it('uses the defaults when nothing is given, silently', () => {
    assert.deepEqual(resolveDurations({}), { warnAfter: 540, expireAfter: 600, problems: [] });
    assert.deepEqual(resolveDurations({ warnAfter: null, expireAfter: undefined }), { warnAfter: 540, expireAfter: 600, problems: [] });
    assert.equal(resolveDurations({ expireAfter: 90 }).warnAfter, 45, 'half of a short limit');
  });

  for (const bad of [NaN, -5, 0, Infinity, 'abc']) {
    it(`replaces ${String(bad)} and names the option`, () => {
      assert.deepEqual(resolveDurations({ warnAfter: bad, expireAfter: 900 }), { warnAfter: 840, expireAfter: 900, problems: ['warnAfter'] });
      assert.deepEqual(resolveDurations({ warnAfter: 30, expireAfter: bad }), { warnAfter: 30, expireAfter: 600, problems: ['expireAfter'] });
    });
  }

  it('falls back when warn-after is not below expire-after', () => {
    assert.deepEqual(resolveDurations({ warnAfter: 900, expireAfter: 600 }), { warnAfter: 540, expireAfter: 600, problems: ['warnAfter'] });
    assert.deepEqual(resolveDurations({ warnAfter: 600, expireAfter: 600 }).problems, ['warnAfter']);
  });

  it('never throws in the engine either', () => {
    const time = new FakeTime();
    const engine = new IdleEngine({ warnAfter: -1, expireAfter: Number('x'), now: time.clock, scheduler: time });
    engine.start();
    assert.equal(engine.expireAt - time.now, 600 * S);
    assert.equal(engine.warnAt - time.now, 540 * S);
  });
});

describe('IdleEngine with a lazily read input timestamp', () => {
  it('reads the adapter’s timestamp only when it looks at a deadline', () => {
    const time = new FakeTime();
    let input = 0;
    const engine = new IdleEngine({
      warnAfter: 60,
      expireAfter: 90,
      now: time.clock,
      scheduler: time,
      input: () => input,
    });
    engine.start();
    // Input as the adapter records it (that no engine code runs per real event: activity.test.ts).
    for (let i = 0; i < 100_000; i++) input = time.now += 1;
    time.advance(60 * S - 100_000); // the timer armed at start fires, finds the input, re-arms
    assert.equal(engine.state, 'active');
    assert.equal(engine.lastActivity, input);
    time.advance(100_000);
    assert.equal(engine.state, 'warning');
    input = time.now; // input during the warning does not count (no extendOnActivity)
    time.advance(2 * S);
    assert.equal(engine.state, 'warning');
    assertCloseTo(engine.idle, 62, 0.01);
  });

  describe('issue 20', () => {
    it('input in another tab counts while the idle warning is open: it closes as an extension from another tab', () => {
      const { time, engine, events } = setup();
      engine.start();
      time.advance(60 * S);
      engine.recordActivity(time.now); // this tab's own input behind its warning: ignored
      time.advance(S);
      assert.equal(engine.state, 'warning');
      engine.recordActivityElsewhere(time.now);
      assert.equal(engine.state, 'active');
      assert.deepEqual(events.at(-1), { type: 'extend', remaining: 90, source: 'tab' });
      assert.equal(engine.lastActivity, time.now);
    });

    it('with extend-on-activity, another tab’s input still closes the warning as "tab", never as this tab’s activity', () => {
      const { time, engine, events } = setup({ extendOnActivity: true });
      engine.start();
      time.advance(60 * S);
      engine.recordActivityElsewhere(time.now);
      time.advance(S);
      assert.deepEqual(events.filter((event) => event.type == 'extend'), [{ type: 'extend', remaining: 90, source: 'tab' }]);
    });

    it('another tab’s input does not close an absolute warning (it is counted for after it)', () => {
      const { time, engine, events } = setup();
      engine.start();
      engine.rebase(90, 20);
      assert.equal(engine.warningReason, 'absolute');
      time.advance(S);
      engine.recordActivityElsewhere(time.now);
      time.advance(S);
      assert.equal(engine.warningReason, 'absolute');
      assert.deepEqual(events.filter((event) => event.type == 'extend'), []);
    });

    it('a server answer that turns an idle warning into an absolute one is no extension', () => {
      const { time, engine, events } = setup();
      engine.start();
      time.advance(60 * S);
      assert.equal(engine.warningReason, 'idle');
      engine.rebase(30, 20);
      assert.equal(engine.warningReason, 'absolute');
      assert.deepEqual(events.map((event) => event.type).filter((type) => type != 'tick'), ['warn', 'warn']);
      assert.deepEqual(events.filter((event) => event.type == 'warn').at(-1), { type: 'warn', remaining: 20, reason: 'absolute' });
    });

    it('a clock set back gives no time, whether a timer or a look at the clock finds it', () => {
      const { time, engine } = setup();
      engine.start();
      time.advance(30 * S);
      time.step(-20 * S); // found by the warning's timer: it fired after 60 s, the clock says 40
      time.advance(30 * S);
      assert.equal(engine.state, 'warning');
      assert.equal(engine.remaining, 30);

      const other = setup();
      other.engine.start();
      other.time.advance(10 * S);
      assert.equal(other.engine.remaining, 80);
      other.time.step(-5 * S);
      other.engine.reevaluate(); // found on a look at the clock (focus, visibility): it went back
      assert.equal(other.engine.remaining, 80);
      assert.equal(other.engine.idle, 10);
    });

    it('a long timer that fires a little early by a slewed wall clock is no step', () => {
      const DAY = 24 * 3600 * S;
      const { time, engine } = setup({ warnAfter: 20 * DAY / S, expireAfter: 21 * DAY / S });
      engine.start();
      const warnAt = engine.warnAt;
      time.step(-5 * 60 * S); // the wall clock ran 5 minutes slow over 20 days (0.017 %)
      time.advance(20 * DAY); // the timer fires, 5 minutes early by the wall clock
      assert.equal(engine.warnAt, warnAt, 'nothing moved');
      assert.equal(engine.state, 'active');
    });

    it('input from before a clock step back is not taken as new (never time gained)', () => {
      let input = 0;
      const { time, engine } = setup({ input: () => input });
      engine.start();
      time.advance(10 * S);
      input = time.now; // typed at 10 s
      time.advance(10 * S);
      assert.equal(engine.idle, 10);
      time.step(-30 * S); // now before the input's instant
      time.advance(S);
      // Found at this look at the clock: the step is taken as just now, so at most the second since the last look is kept.
      assertCloseTo(engine.idle, 10.5, 0.5, 'the old input moved with the clock');
    });

    it('starts from the last input known (another tab’s, the page’s); its deadlines at the earliest from its start', () => {
      const time = new FakeTime();
      const engine = new IdleEngine({ warnAfter: 60, expireAfter: 90, now: time.clock, scheduler: time, lastInput: time.now - 40 * S });
      engine.start();
      assert.equal(engine.idle, 40, 'what a ping reports');
      assert.equal(engine.warnAt - time.now, 60 * S, 'the local countdown starts with the element');
      engine.rebase(50); // the server knew of no later input
      assert.equal(engine.remaining, 50);
    });
  });
});
