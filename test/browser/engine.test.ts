import { expect } from '@open-wc/testing';
import { IdleEngine, resolveDurations, type IdleEngineEvent, type IdleEngineOptions } from '../../src/idle/engine.js';
import { FakeTime, flush } from './fake-time.js';

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
    expect(engine.state).to.equal('active');
    expect(engine.warnAt - time.now).to.equal(60 * S);
    expect(engine.expireAt - time.now).to.equal(90 * S);

    time.advance(60 * S - 1);
    expect(engine.state).to.equal('active');
    expect(time.fired, 'timer callbacks while idle before the warning').to.equal(0);

    time.advance(1);
    expect(engine.state).to.equal('warning');
    expect(events[0]).to.deep.equal({ type: 'warn', remaining: 30, reason: 'idle' });

    time.advance(30 * S);
    expect(engine.state).to.equal('expired');
    expect(events.at(-1)).to.deep.equal({ type: 'expire', reason: 'idle' });
    expect(time.pending, 'no timer left once expired').to.equal(0);
    expect(engine.remaining).to.equal(0);
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
    expect(ticks).to.deep.equal([30, 29]);
    time.advance(10 * S);
    expect(time.fired - firedAtWarning).to.equal(11);
    expect(events.filter((event) => event.type === 'tick').at(-1)).to.deep.equal({ type: 'tick', remaining: 19 });
  });

  it('computes the countdown from the deadline: a late tick shows the true remaining time', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(60 * S);
    time.sleep(12_400); // the tab was frozen: no ticks for 12.4 s
    time.advance(600);
    const last = events.at(-1) as { type: string; remaining: number };
    expect(last.type).to.equal('tick');
    expect(last.remaining).to.equal(17);
  });

  it('records activity as a timestamp only: 0 setTimeout/clearTimeout calls for 100,000 events', () => {
    const { time, engine } = setup();
    engine.start();
    const before = { set: time.setCalls, clear: time.clearCalls };
    for (let i = 0; i < 100_000; i++) {
      time.now += 1;
      engine.recordActivity();
    }
    expect(time.setCalls - before.set).to.equal(0);
    expect(time.clearCalls - before.clear).to.equal(0);
    expect(engine.lastActivity).to.equal(time.now);
  });

  it('with continuous activity the one timer wakes at most once per warn-after, and never warns', () => {
    const { time, engine } = setup();
    engine.start();
    for (let second = 0; second < 600; second++) {
      time.advance(S);
      engine.recordActivity();
    }
    expect(engine.state).to.equal('active');
    expect(time.fired).to.be.at.most(600 / 60);
    expect(time.pending).to.equal(1);
  });

  it('re-arms for the deadline that activity moved, then warns warn-after after the last activity', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(50 * S);
    engine.recordActivity(); // deadline moves to 110 s
    time.advance(10 * S); // the timer armed for 60 s fires and re-arms
    expect(engine.state).to.equal('active');
    expect(time.fired).to.equal(1);
    time.advance(50 * S - 1);
    expect(engine.state).to.equal('active');
    time.advance(1);
    expect(engine.state).to.equal('warning');
  });

  it('extend() closes the warning and restarts the deadlines from now', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(70 * S);
    engine.extend();
    expect(engine.state).to.equal('active');
    expect(events.at(-1)).to.deep.equal({ type: 'extend', remaining: 90, source: 'user' });
    expect(engine.warnAt - time.now).to.equal(60 * S);
  });

  it('ignores activity while the warning is open, unless extendOnActivity', () => {
    const plain = setup();
    plain.engine.start();
    plain.time.advance(61 * S);
    plain.engine.recordActivity();
    plain.time.advance(2 * S);
    expect(plain.engine.state).to.equal('warning');

    const eager = setup({ extendOnActivity: true });
    eager.engine.start();
    eager.time.advance(61 * S);
    eager.engine.recordActivity();
    expect(eager.engine.state, 'a timestamp only: nothing happens at once').to.equal('warning');
    eager.time.advance(S); // the next countdown tick sees it
    expect(eager.engine.state).to.equal('active');
    expect(eager.events.at(-1)).to.include({ type: 'extend', source: 'activity' });
  });

  it('hold() keeps the session alive; holds nest; releasing twice is harmless', () => {
    const { time, engine, types } = setup();
    engine.start();
    const first = engine.hold();
    const second = engine.hold();
    expect(time.pending, 'no timer while held').to.equal(0);
    time.advance(3600 * S);
    expect(engine.state).to.equal('active');
    expect(engine.idle).to.equal(0);
    first();
    first();
    time.advance(3600 * S);
    expect(engine.state, 'still held by the second').to.equal('active');
    second();
    expect(engine.warnAt - time.now, 'the time held counts as activity').to.equal(60 * S);
    time.advance(60 * S);
    expect(engine.state).to.equal('warning');
    expect(types()).to.deep.equal(['warn', 'tick']);
  });

  it('hold() while the warning is open closes it', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(65 * S);
    const release = engine.hold();
    expect(engine.state).to.equal('active');
    expect(events.at(-1)).to.include({ type: 'extend', source: 'hold' });
    release();
  });

  it('a machine that slept past the deadline expires at once when re-evaluated', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.sleep(2 * 3600 * S);
    engine.reevaluate();
    expect(engine.state).to.equal('expired');
    expect(events.map((event) => event.type)).to.deep.equal(['expire']);
  });

  it('a machine that wakes inside the warning window shows the warning with the true remaining time', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.sleep(80 * S);
    engine.reevaluate();
    expect(engine.state).to.equal('warning');
    expect(events[0]).to.deep.equal({ type: 'warn', remaining: 10, reason: 'idle' });
  });

  it('rebase() follows the server: its remaining time, not the client clock', () => {
    const { time, engine, events } = setup();
    engine.start();
    time.advance(65 * S);
    expect(engine.state).to.equal('warning');
    engine.rebase(80); // another tab was active: 80 s left
    expect(engine.state).to.equal('active');
    expect(events.at(-1)).to.deep.equal({ type: 'extend', remaining: 80, source: 'server' });
    expect(engine.expireAt - time.now).to.equal(80 * S);
    engine.rebase(12); // the server says time is short
    expect(engine.state).to.equal('warning');
    expect(engine.remaining).to.equal(12);
  });

  it('rebase() keeps activity recorded after the request left', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(10 * S);
    const sentAt = time.now;
    time.advance(S);
    engine.recordActivity();
    engine.rebase(50, null, sentAt);
    expect(engine.expireAt - time.now).to.equal(90 * S);
  });

  it('an absolute limit from the server caps the deadline and ends with reason absolute', () => {
    const { time, engine, events } = setup();
    engine.start();
    engine.rebase(90, 40);
    expect(engine.expireAt - time.now).to.equal(40 * S);
    for (let i = 0; i < 50; i++) {
      engine.recordActivity();
      time.advance(S);
    }
    expect(engine.state).to.equal('expired');
    expect(events.at(-1)).to.deep.equal({ type: 'expire', reason: 'absolute' });
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
    expect(asked).to.deep.equal(['warning']);
    expect(engine.state).to.equal('active');

    answer = () => {}; // no news (e.g. a network error): go ahead locally
    time.advance(50 * S);
    await flush();
    expect(asked).to.deep.equal(['warning', 'warning']);
    expect(engine.state).to.equal('warning');

    answer = (e) => e.expire('server');
    time.advance(30 * S);
    await flush();
    expect(asked.at(-1)).to.equal('expired');
    expect(engine.state).to.equal('expired');
  });

  it('a failed confirmation still lets the session end locally', async () => {
    const { time, engine } = setup({ confirm: () => Promise.reject(new Error('offline')) });
    engine.start();
    time.advance(60 * S);
    await flush();
    time.advance(30 * S);
    await flush();
    expect(engine.state).to.equal('expired');
  });

  it('expire(reason) ends at once and for good; stop() and dispose() leave no timer', () => {
    const { time, engine, events } = setup();
    engine.start();
    engine.expire('logout');
    engine.extend();
    engine.rebase(100);
    engine.start();
    expect(engine.state).to.equal('expired');
    expect(events).to.deep.equal([{ type: 'expire', reason: 'logout' }]);
    expect(time.pending).to.equal(0);

    const other = setup();
    other.engine.start();
    other.engine.stop();
    expect(other.time.pending).to.equal(0);
    other.engine.start();
    other.engine.dispose();
    expect(other.time.pending).to.equal(0);
  });

  it('configure() moves the deadlines, anchored on the last activity', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(30 * S);
    engine.configure({ warnAfter: 20, expireAfter: 40 });
    expect(engine.state).to.equal('warning');
    expect(engine.remaining).to.equal(10);
  });
});

describe('IdleEngine: the server sets deadlines, input stays real (issue 10)', () => {
  it('a server answer never moves the last input: idle is what the user did, whatever the durations', () => {
    // Element at 600 s, server at 900 s: after 100 s idle the server says 800 s are left.
    const { time, engine } = setup({ warnAfter: 540, expireAfter: 600 });
    engine.start();
    time.advance(100 * S);
    engine.rebase(800);
    expect(engine.idle, 'seconds since real input').to.equal(100);
    expect(engine.lastActivity).to.be.at.most(time.now);
    expect(engine.expireAt - time.now, 'the server decides when it ends').to.equal(800 * S);
    time.advance(300 * S);
    expect(engine.idle).to.equal(400);
  });

  it('counts the server deadlines from when the request left, never later than now', () => {
    const { time, engine } = setup();
    engine.start();
    time.advance(10 * S);
    engine.rebase(50, 70, time.now - 2 * S);
    expect(engine.expireAt - time.now, 'from the request, 2 s ago').to.equal(48 * S);
    engine.rebase(50, null, time.now + 10 * S);
    expect(engine.expireAt - time.now, 'a future instant counts as now').to.equal(50 * S);
  });

  it('absoluteRemaining null clears an absolute limit; absent leaves it', () => {
    const { time, engine } = setup();
    engine.start();
    engine.rebase(90, 40);
    engine.rebase(90);
    expect(engine.expireAt - time.now).to.equal(40 * S);
    engine.rebase(90, null);
    expect(engine.expireAt - time.now).to.equal(90 * S);
  });

  it('input after the request left still counts, from the local limit', () => {
    const { time, engine } = setup();
    engine.start();
    const since = time.now;
    time.advance(5 * S);
    engine.recordActivity();
    engine.rebase(20, null, since);
    expect(engine.expireAt - time.now).to.equal(90 * S);
    expect(engine.idle).to.equal(0);
  });

  it('knows which end comes next', () => {
    const { engine } = setup();
    engine.start();
    expect(engine.nextEnd).to.equal('idle');
    engine.rebase(90, 40);
    expect(engine.nextEnd).to.equal('absolute');
  });

  it('warns once before the absolute end; extend() only dismisses it, and it never reopens', () => {
    const { time, engine, events, types } = setup({ extendOnActivity: true });
    engine.start();
    engine.rebase(90, 40);
    time.advance(10 * S); // 30 s (expire-after − warn-after) before the absolute end
    expect(engine.state).to.equal('warning');
    expect(engine.warningReason).to.equal('absolute');
    expect(events.find((event) => event.type == 'warn')).to.deep.equal({ type: 'warn', remaining: 30, reason: 'absolute' });
    engine.extend();
    expect(engine.state).to.equal('active');
    expect(events.at(-1)).to.deep.equal({ type: 'dismiss', remaining: 30 });
    for (let i = 0; i < 29; i++) {
      engine.recordActivity();
      engine.extend();
      time.advance(S);
    }
    expect(types().filter((type) => type == 'warn'), 'no warning loop').to.have.length(1);
    expect(engine.remaining, 'extending never passes the absolute end').to.equal(1);
    time.advance(S);
    expect(engine.state).to.equal('expired');
    expect(events.at(-1)).to.deep.equal({ type: 'expire', reason: 'absolute' });
  });

  it('activity does not close an absolute warning, even with extendOnActivity', () => {
    const { time, engine } = setup({ extendOnActivity: true });
    engine.start();
    engine.rebase(90, 40);
    time.advance(12 * S);
    engine.recordActivity();
    time.advance(2 * S);
    expect(engine.warningReason).to.equal('absolute');
  });

  it('a new absolute limit (a new session) may warn again', () => {
    const { time, engine, types } = setup();
    engine.start();
    engine.rebase(90, 40);
    time.advance(10 * S);
    engine.dismiss();
    engine.rebase(90, 35); // the same end, 5 s later: no new warning
    expect(engine.state).to.equal('active');
    engine.rebase(90, 200);
    time.advance(170 * S);
    expect(types().filter((type) => type == 'warn')).to.have.length(2);
  });

  it('hold() does not outlast a known absolute limit', () => {
    const { time, engine, events } = setup();
    engine.start();
    engine.rebase(90, 40);
    const release = engine.hold();
    time.advance(10 * S);
    expect(engine.warningReason).to.equal('absolute');
    time.advance(30 * S);
    expect(engine.state).to.equal('expired');
    expect(events.at(-1)).to.deep.equal({ type: 'expire', reason: 'absolute' });
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
    expect(engine.state).to.equal('warning');
    time.advance(30 * S);
    expect(engine.state).to.equal('expired');
    expect(types()).to.include.members(['warn', 'tick', 'expire']);
    expect(errors.length).to.be.greaterThan(2);
    expect((errors[0] as Error).message).to.equal('app bug');
  });

  it('a new configuration that closes the warning is not an extend', () => {
    const { time, engine, types } = setup();
    engine.start();
    time.advance(65 * S);
    engine.configure({ warnAfter: 80 });
    expect(engine.state).to.equal('active');
    expect(types()).not.to.include('extend');
    time.advance(15 * S);
    expect(engine.state).to.equal('warning');
  });
});

describe('resolveDurations (bad configuration)', () => {
  it('keeps good values', () => {
    expect(resolveDurations({ warnAfter: 0.2, expireAfter: 0.5 })).to.deep.equal({ warnAfter: 0.2, expireAfter: 0.5, problems: [] });
  });

  it('uses the defaults when nothing is given, silently', () => {
    expect(resolveDurations({})).to.deep.equal({ warnAfter: 540, expireAfter: 600, problems: [] });
    expect(resolveDurations({ warnAfter: null, expireAfter: undefined })).to.deep.equal({ warnAfter: 540, expireAfter: 600, problems: [] });
    expect(resolveDurations({ expireAfter: 90 }).warnAfter, 'half of a short limit').to.equal(45);
  });

  for (const bad of [NaN, -5, 0, Infinity, 'abc']) {
    it(`replaces ${String(bad)} and names the option`, () => {
      expect(resolveDurations({ warnAfter: bad, expireAfter: 900 })).to.deep.equal({ warnAfter: 840, expireAfter: 900, problems: ['warnAfter'] });
      expect(resolveDurations({ warnAfter: 30, expireAfter: bad })).to.deep.equal({ warnAfter: 30, expireAfter: 600, problems: ['expireAfter'] });
    });
  }

  it('falls back when warn-after is not below expire-after', () => {
    expect(resolveDurations({ warnAfter: 900, expireAfter: 600 })).to.deep.equal({ warnAfter: 540, expireAfter: 600, problems: ['warnAfter'] });
    expect(resolveDurations({ warnAfter: 600, expireAfter: 600 }).problems).to.deep.equal(['warnAfter']);
  });

  it('never throws in the engine either', () => {
    const time = new FakeTime();
    const engine = new IdleEngine({ warnAfter: -1, expireAfter: Number('x'), now: time.clock, scheduler: time });
    engine.start();
    expect(engine.expireAt - time.now).to.equal(600 * S);
    expect(engine.warnAt - time.now).to.equal(540 * S);
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
    expect(engine.state).to.equal('active');
    expect(engine.lastActivity).to.equal(input);
    time.advance(100_000);
    expect(engine.state).to.equal('warning');
    input = time.now; // input during the warning does not count (no extendOnActivity)
    time.advance(2 * S);
    expect(engine.state).to.equal('warning');
    expect(engine.idle).to.be.closeTo(62, 0.01);
  });

  describe('issue 20', () => {
    it('input in another tab counts while the idle warning is open: it closes as an extension from another tab', () => {
      const { time, engine, events } = setup();
      engine.start();
      time.advance(60 * S);
      engine.recordActivity(time.now); // this tab's own input behind its warning: ignored
      time.advance(S);
      expect(engine.state).to.equal('warning');
      engine.recordActivityElsewhere(time.now);
      expect(engine.state).to.equal('active');
      expect(events.at(-1)).to.deep.equal({ type: 'extend', remaining: 90, source: 'tab' });
      expect(engine.lastActivity).to.equal(time.now);
    });

    it('with extend-on-activity, another tab’s input still closes the warning as "tab", never as this tab’s activity', () => {
      const { time, engine, events } = setup({ extendOnActivity: true });
      engine.start();
      time.advance(60 * S);
      engine.recordActivityElsewhere(time.now);
      time.advance(S);
      expect(events.filter((event) => event.type == 'extend')).to.deep.equal([{ type: 'extend', remaining: 90, source: 'tab' }]);
    });

    it('another tab’s input does not close an absolute warning (it is counted for after it)', () => {
      const { time, engine, events } = setup();
      engine.start();
      engine.rebase(90, 20);
      expect(engine.warningReason).to.equal('absolute');
      time.advance(S);
      engine.recordActivityElsewhere(time.now);
      time.advance(S);
      expect(engine.warningReason).to.equal('absolute');
      expect(events.filter((event) => event.type == 'extend')).to.deep.equal([]);
    });

    it('a server answer that turns an idle warning into an absolute one is no extension', () => {
      const { time, engine, events } = setup();
      engine.start();
      time.advance(60 * S);
      expect(engine.warningReason).to.equal('idle');
      engine.rebase(30, 20);
      expect(engine.warningReason).to.equal('absolute');
      expect(events.map((event) => event.type).filter((type) => type != 'tick')).to.deep.equal(['warn', 'warn']);
      expect(events.filter((event) => event.type == 'warn').at(-1)).to.deep.equal({ type: 'warn', remaining: 20, reason: 'absolute' });
    });

    it('a clock set back gives no time, whether a timer or a look at the clock finds it', () => {
      const { time, engine } = setup();
      engine.start();
      time.advance(30 * S);
      time.step(-20 * S); // found by the warning's timer: it fired after 60 s, the clock says 40
      time.advance(30 * S);
      expect(engine.state).to.equal('warning');
      expect(engine.remaining).to.equal(30);

      const other = setup();
      other.engine.start();
      other.time.advance(10 * S);
      expect(other.engine.remaining).to.equal(80);
      other.time.step(-5 * S);
      other.engine.reevaluate(); // found on a look at the clock (focus, visibility): it went back
      expect(other.engine.remaining).to.equal(80);
      expect(other.engine.idle).to.equal(10);
    });

    it('input from before a clock step back is not taken as new (never time gained)', () => {
      let input = 0;
      const { time, engine } = setup({ input: () => input });
      engine.start();
      time.advance(10 * S);
      input = time.now; // typed at 10 s
      time.advance(10 * S);
      expect(engine.idle).to.equal(10);
      time.step(-30 * S); // now before the input's instant
      time.advance(S);
      // Found at this look at the clock: the step is taken as just now, so at most the second since the last look is kept.
      expect(engine.idle, 'the old input moved with the clock').to.be.closeTo(10.5, 0.5);
    });

    it('starts from the last input known (another tab’s, the page’s); its deadlines at the earliest from its start', () => {
      const time = new FakeTime();
      const engine = new IdleEngine({ warnAfter: 60, expireAfter: 90, now: time.clock, scheduler: time, lastInput: time.now - 40 * S });
      engine.start();
      expect(engine.idle, 'what a ping reports').to.equal(40);
      expect(engine.warnAt - time.now, 'the local countdown starts with the element').to.equal(60 * S);
      engine.rebase(50); // the server knew of no later input
      expect(engine.remaining).to.equal(50);
    });
  });
});
