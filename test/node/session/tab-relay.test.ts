// The tabs' channel and what crosses it, under Node (which has BroadcastChannel; without Web Locks every tab leads).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { IdleEngine } from '../../../src/idle/engine.js';
import { TabRelay, type TabRelayHooks } from '../../../src/session/tab-relay.js';
import { TabSync, type ServerMessage, type TabMessage } from '../../../src/browser/tab-sync.js';
import { FakeTime } from '../../browser/fake-time.js';

/**
 * Waits until `done()` holds (a message crossed the channel), polling, for up to 5 s: a fixed short wait
 * failed beside the other suites on two cores. Then a little more, so an echo that should not come has its
 * chance to (and fails the test's "nothing more" checks).
 */
async function delivered(done: () => boolean): Promise<void> {
  const until = Date.now() + 5000;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 20));
}
let opened: Array<{ close(): void }> = [];
let channel = 0;

/** A relay on a fresh channel, and a bare TabSync standing for another tab that records what it hears. */
function setup(hooks: Partial<TabRelayHooks> = {}) {
  const time = new FakeTime();
  const engine = new IdleEngine({ warnAfter: 60, expireAfter: 90, now: time.clock, scheduler: time });
  engine.start();
  const heard: TabMessage[] = [];
  const calls: string[] = [];
  /** `isLeader` each time the relay said leadership changed. */
  const leaders: boolean[] = [];
  const name = `relay-test-${++channel}`;
  const relay = new TabRelay({
    engine: () => engine,
    keepAliveIfDue: () => calls.push('keepAliveIfDue'),
    server: (message) => calls.push(`server ${message.remaining}`),
    lastServer: () => null,
    pinged: (at) => calls.push(`pinged ${at}`),
    closing: (at) => calls.push(`closing ${at}`),
    news: () => calls.push('news'),
    leader: () => leaders.push(relay.isLeader),
    debug() {},
    ...hooks,
  });
  relay.open(name, false);
  const other = new TabSync({ name, onMessage: (message) => heard.push(message) });
  opened.push(relay, other);
  engine.subscribe((event) => relay.tell(event, time.now, false));
  return { time, engine, relay, other, heard, calls, leaders };
}

describe('TabRelay', () => {
  afterEach(() => {
    for (const end of opened) end.close();
    opened = [];
  });

  it('another tab’s dismiss closes the absolute warning here and is not echoed back; this page’s own is told', async () => {
    const { engine, other, heard } = setup();
    engine.rebase(90, 20); // an absolute end in 20 s: its warning at once
    assert.equal(engine.warningReason, 'absolute');
    other.post({ type: 'dismiss' });
    await delivered(() => engine.state == 'active');
    assert.equal(engine.state, 'active');
    assert.deepEqual(heard, [], 'no echo');
    const mine = setup();
    mine.engine.rebase(90, 20);
    mine.engine.dismiss();
    await delivered(() => mine.heard.length > 0);
    assert.deepEqual(mine.heard, [{ type: 'dismiss' }]);
  });

  it('a tab that opens hears this one’s last input and the server’s last answer', async () => {
    const last: ServerMessage = { type: 'server', at: 1, remaining: 80, absoluteRemaining: null, expireAfter: 90, warnAfter: 60 };
    const { engine, other, heard } = setup({ lastServer: () => last });
    other.post({ type: 'hello' });
    await delivered(() => heard.length >= 2);
    assert.deepEqual(heard, [{ type: 'activity', at: engine.lastActivity }, last]);
  });

  it('activity, server answers, pings and a tab closing elsewhere reach the session; an ended page only hears that there is news', async () => {
    const { engine, other, calls, time } = setup();
    other.post({ type: 'activity', at: time.now });
    other.post({ type: 'server', at: time.now, remaining: 70, absoluteRemaining: null });
    other.post({ type: 'pinged', at: time.now });
    other.post({ type: 'closing', at: time.now });
    await delivered(() => calls.length >= 4);
    assert.deepEqual(calls, ['keepAliveIfDue', 'server 70', `pinged ${time.now}`, `closing ${time.now}`]);
    engine.expire('idle');
    calls.length = 0;
    other.post({ type: 'extend', at: time.now });
    await delivered(() => calls.length >= 1);
    assert.deepEqual(calls, ['news']);
    assert.equal(engine.state, 'expired');
  });

  it('this page’s end is told, and an end from another tab is not told back', async () => {
    const one = setup();
    one.engine.expire('logout');
    await delivered(() => one.heard.length > 0);
    assert.deepEqual(one.heard, [{ type: 'expire', reason: 'logout' }]);
    const two = setup();
    two.other.post({ type: 'expire', reason: 'idle' });
    await delivered(() => two.engine.state == 'expired');
    assert.equal(two.engine.state, 'expired');
    assert.deepEqual(two.heard, []);
  });

  it('says when this tab starts and stops leading, reading true then; a channel of the past says nothing more', () => {
    // Under Node there are no Web Locks: a tab leads from the moment it joins, even before the relay holds its channel.
    const { relay, leaders, engine } = setup();
    assert.deepEqual(leaders, [true]);
    assert.equal(relay.isLeader, true);
    relay.open('relay-test-elsewhere', false); // another channel: the first one says false, the new one true
    assert.deepEqual(leaders, [true, false, true]);
    engine.expire('logout'); // an ended page hands leadership on
    assert.deepEqual(leaders, [true, false, true, false]);
    assert.equal(relay.isLeader, false);
    relay.close();
    assert.deepEqual(leaders, [true, false, true, false], 'no second false');
  });
});
