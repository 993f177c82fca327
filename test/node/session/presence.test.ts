// Presence: when a tab pings to show the session is open, and what it does when a page goes away.
// Pure timing on the fake clock, under Node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLOSING_ANSWER_DELAY, PRESENCE_JITTER, Presence, closingAnswerDelay } from '../../../src/session/presence.js';
import { FakeTime } from '../../browser/fake-time.js';

function setup({ leader = true, random = 0, time = new FakeTime(), others = [] as Array<{ presence: Presence }> } = {}) {
  const state = { leader, live: true };
  const pings: number[] = [];
  const beacons: number[] = [];
  const posted: unknown[] = [];
  const presence = new Presence({
    now: time.clock,
    scheduler: () => time,
    leader: () => state.leader,
    live: () => state.live,
    ping: () => {
      pings.push(time.now);
      const at = time.now;
      for (const other of others) time.setTimeout(() => other.presence.pinged(at), 5); // the channel's `pinged`, 5 ms on the way
    },
    beacon: () => !!beacons.push(time.now),
    post: (message) => posted.push(message),
    debug: () => {},
    random: () => random,
  });
  const start = time.now;
  /** Seconds since the start, of each ping this tab sent. */
  const sent = () => pings.map((at) => (at - start) / 1000);
  return { time, state, presence, pings, beacons, posted, sent, start };
}

const pageHide = (persisted: boolean): Event => Object.assign(new Event('pagehide'), { persisted });

describe('Presence', () => {
  it('is off until a server answer carries closeAfter: no ping, no timer', () => {
    const { time, presence, sent } = setup();
    presence.pinged(time.now);
    presence.heard(null);
    assert.equal(presence.dueAt, null);
    time.advance(60_000);
    assert.deepEqual(sent(), []);
    assert.equal(time.pending, 0);
  });

  it('the leader pings every third of closeAfter from the last ping, while the user is idle: 3 per closeAfter', () => {
    const { time, presence, sent } = setup();
    presence.pinged(time.now); // the start-up ping, whose answer says closeAfter 9
    presence.heard(9);
    time.advance(2999);
    assert.deepEqual(sent(), []);
    time.advance(1);
    assert.deepEqual(sent(), [3]);
    time.advance(6000);
    assert.deepEqual(sent(), [3, 6, 9], 'three in nine seconds');
  });

  it('any tab’s ping (a keep-alive, another tab’s) postpones the next presence ping', () => {
    const { time, presence, sent, start } = setup();
    presence.pinged(time.now);
    presence.heard(9);
    time.advance(2000);
    presence.pinged(time.now); // another tab's keep-alive
    time.advance(2999);
    assert.deepEqual(sent(), []);
    time.advance(1);
    assert.deepEqual(sent(), [5]);
    presence.pinged(start + 10_000); // an instant from another tab's clock, ahead of ours: taken as now
    assert.equal(presence.dueAt, start + 8000);
  });

  it('a tab that does not lead pings only when no ping was seen for two thirds of closeAfter', () => {
    const { time, state, presence, sent } = setup({ leader: false });
    presence.pinged(time.now);
    presence.heard(9);
    for (let i = 1; i <= 3; i++) {
      time.advance(3000);
      presence.pinged(time.now); // the leader's
    }
    assert.deepEqual(sent(), [], 'the leader pings');
    time.advance(6000); // the leader went quiet (frozen, crashed)
    assert.deepEqual(sent(), [15]);
    state.leader = true; // it took the lock over: the wait armed before ends first, then the leader's pace
    time.advance(9000);
    assert.deepEqual(sent(), [15, 21, 24]);
  });

  it('without Web Locks every tab leads: the jitter lets the first to wake ping for all, pace and answers alike', () => {
    const time = new FakeTime();
    const toA: Array<{ presence: Presence }> = [];
    const toB: Array<{ presence: Presence }> = [];
    const a = setup({ time, random: 0.2, others: toB });
    const b = setup({ time, random: 0.7, others: toA });
    toA.push(a);
    toB.push(b);
    for (const tab of [a, b]) {
      tab.presence.pinged(time.now);
      tab.presence.heard(9);
    }
    time.advance(30_000);
    const interval = 3000 * (1 + 0.2 * PRESENCE_JITTER);
    assert.deepEqual([a.pings.length, b.pings.length], [Math.floor(30_000 / interval), 0], 'one tab pings, at most 3 per closeAfter');
    const closingAt = time.now;
    for (const tab of [a, b]) tab.presence.closingHeard(closingAt);
    time.advance(CLOSING_ANSWER_DELAY * 2);
    const answers = [a, b].map((tab) => tab.pings.filter((at) => at >= closingAt + CLOSING_ANSWER_DELAY).length);
    assert.deepEqual(answers, [1, 0], 'one answer to a closing tab');
  });

  it('stops when presence goes off or the session ends here, and starts again with the next answer', () => {
    const { time, state, presence, sent } = setup();
    presence.pinged(time.now);
    presence.heard(9);
    time.advance(3000);
    presence.heard(undefined); // an answer without closeAfter
    time.advance(30_000);
    assert.deepEqual(sent(), [3]);
    presence.heard(9);
    time.advance(0);
    assert.deepEqual(sent(), [3, 33], 'overdue: at once');
    state.live = false; // ended
    presence.schedule();
    time.advance(30_000);
    assert.deepEqual(sent(), [3, 33]);
    assert.equal(time.pending, 0);
  });

  it('counts from the wall clock: a page frozen past its ping pings on waking; a clock set back does not silence it', () => {
    const { time, presence, sent } = setup();
    presence.pinged(time.now);
    presence.heard(9);
    time.sleep(20_000); // frozen: no timer ran
    time.advance(0);
    assert.deepEqual(sent(), [20]);
    time.step(-60_000); // the clock set back a minute
    presence.schedule();
    time.advance(0);
    assert.deepEqual(sent(), [20, -40], 'at once, not a minute later');
  });

  describe('a page going away', () => {
    it('pagehide (not into the back/forward cache): the closing beacon, then a closing message to the tabs; nothing more', () => {
      const { time, presence, beacons, posted, sent, start } = setup();
      const page = new EventTarget();
      presence.listen(page);
      presence.pinged(time.now);
      presence.heard(9);
      time.advance(1000);
      page.dispatchEvent(pageHide(false));
      assert.deepEqual(beacons, [start + 1000]);
      assert.deepEqual(posted, [{ type: 'closing', at: start + 1000 }]);
      time.advance(30_000);
      assert.deepEqual(sent(), [], 'the page is gone: no ping after its beacon');
    });

    it('into the back/forward cache, with presence off, after the end, or no longer listening: no beacon', () => {
      for (const [name, arrange] of [
        ['bfcache', (s: ReturnType<typeof setup>) => s.presence.heard(9)],
        ['off', (s: ReturnType<typeof setup>) => s.presence.heard(null)],
        ['ended', (s: ReturnType<typeof setup>) => { s.presence.heard(9); s.state.live = false; }],
        ['unlistened', (s: ReturnType<typeof setup>) => { s.presence.heard(9); s.presence.listen(null); }],
      ] as const) {
        const s = setup();
        const page = new EventTarget();
        s.presence.listen(page);
        arrange(s);
        page.dispatchEvent(pageHide(name == 'bfcache'));
        assert.deepEqual([s.beacons, s.posted], [[], []], name);
      }
    });

    it('the leader answers another tab’s closing with a ping after its beacon, inside the grace', () => {
      const { time, presence, sent, start } = setup();
      presence.pinged(time.now);
      presence.heard(9);
      time.advance(500);
      presence.closingHeard(time.now);
      time.advance(CLOSING_ANSWER_DELAY - 1);
      assert.deepEqual(sent(), [], 'not before the beacon could arrive');
      time.advance(1);
      assert.deepEqual(sent(), [1.5]);
      assert.equal(presence.dueAt, start + 4500, 'the pace counts from the answer');
    });

    it('tabs closed one after another: one answer, after the last closing', () => {
      const { time, presence, sent } = setup();
      presence.pinged(time.now);
      presence.heard(9);
      presence.closingHeard(time.now);
      time.advance(400);
      presence.closingHeard(time.now);
      time.advance(CLOSING_ANSWER_DELAY);
      assert.deepEqual(sent(), [1.4]);
    });

    it('a tab that does not lead leaves the answer to the leader; without one (the closing tab led), it answers once later', () => {
      const answered = setup({ leader: false });
      answered.presence.pinged(answered.time.now);
      answered.presence.heard(9);
      answered.presence.closingHeard(answered.time.now);
      answered.time.advance(CLOSING_ANSWER_DELAY);
      answered.presence.pinged(answered.time.now); // the new leader's answer
      answered.time.advance(CLOSING_ANSWER_DELAY * 2);
      assert.deepEqual(answered.sent(), []);

      const alone = setup({ leader: false });
      alone.presence.pinged(alone.time.now);
      alone.presence.heard(9);
      alone.presence.closingHeard(alone.time.now);
      alone.time.advance(CLOSING_ANSWER_DELAY * 2 - 1);
      assert.deepEqual(alone.sent(), []);
      alone.time.advance(1);
      assert.deepEqual(alone.sent(), [2]);
    });

    it('a short closeAfter answers sooner (a quarter of it), well inside its grace; presence off or ended: no answer', () => {
      assert.equal(closingAnswerDelay(2), 500);
      assert.equal(closingAnswerDelay(180), CLOSING_ANSWER_DELAY);
      const off = setup();
      off.presence.closingHeard(off.time.now);
      off.time.advance(5000);
      const ended = setup();
      ended.presence.pinged(ended.time.now);
      ended.presence.heard(9);
      ended.presence.closingHeard(ended.time.now);
      ended.state.live = false;
      ended.time.advance(5000);
      assert.deepEqual([off.sent(), ended.sent()], [[], []]);
    });
  });
});
