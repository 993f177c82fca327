// Asking around when a tab opens: pure timing logic on the fake clock, under Node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASK_TABS_PATIENCE, ASK_TABS_WAIT, AskAround } from '../../../src/session/ask-around.js';
import { FakeTime } from '../../browser/fake-time.js';

function setup() {
  const time = new FakeTime();
  const posted: unknown[] = [];
  let asked = 0;
  const ask = new AskAround(() => time, () => asked++);
  return { time, posted, ask, post: (message: unknown) => posted.push(message), asked: () => asked };
}

describe('AskAround', () => {
  it('asks the tabs, then the server when no tab answered in time', () => {
    const { time, ask, post, posted, asked } = setup();
    ask.start(post, true);
    assert.deepEqual(posted, [{ type: 'hello' }]);
    time.advance(ASK_TABS_WAIT - 1);
    assert.equal(asked(), 0);
    time.advance(1);
    assert.equal(asked(), 1);
    time.advance(60_000);
    assert.equal(asked(), 1, 'once');
  });

  it('a server answer from a tab ends the asking; client-only pages never ask a server', () => {
    const one = setup();
    one.ask.start(one.post, true);
    one.ask.stop();
    one.time.advance(60_000);
    assert.equal(one.asked(), 0);
    const clientOnly = setup();
    clientOnly.ask.start(clientOnly.post, false);
    clientOnly.time.advance(60_000);
    assert.deepEqual([clientOnly.posted.length, clientOnly.asked()], [1, 0]);
  });

  it('another tab’s ping in flight is waited for, up to ASK_TABS_PATIENCE; after the asking it changes nothing', () => {
    const { time, ask, post, asked } = setup();
    ask.start(post, true);
    time.advance(100);
    ask.anotherTabPinged();
    time.advance(ASK_TABS_PATIENCE - 1);
    assert.equal(asked(), 0);
    time.advance(1);
    assert.equal(asked(), 1);
    ask.anotherTabPinged();
    time.advance(ASK_TABS_PATIENCE);
    assert.equal(asked(), 1, 'nothing asked twice');
  });
});
