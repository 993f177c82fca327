// Which server answers a page reports as answered pings (`onPing`, `session-timeout-ping`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnsweredPings } from '../../../src/session/answers.js';
import type { ServerMessage } from '../../../src/browser/tab-sync.js';

const answer = (at: number, remaining = 80): ServerMessage => ({ type: 'server', at, remaining, absoluteRemaining: null });

describe('AnsweredPings', () => {
  it('reports each answer once, however many tabs repeat it', () => {
    const answers = new AnsweredPings();
    answers.begin(1000);
    assert.equal(answers.fresh(answer(1000)), true, 'a ping that left as the session began');
    assert.equal(answers.fresh(answer(1000)), false, 'the same answer, relayed again');
    assert.equal(answers.fresh({ ...answer(1000), expireAfter: 90 }), false, 'a copy is the same answer');
    assert.equal(answers.fresh(answer(2000)), true);
    assert.equal(answers.fresh(answer(1500, 70)), true, 'an answer that arrives late is still one answer');
  });

  it('two pings that left in the same ms with different answers are two', () => {
    const answers = new AnsweredPings();
    assert.equal(answers.fresh(answer(1000, 80)), true);
    assert.equal(answers.fresh(answer(1000, 79)), true);
  });

  it('an answer to a ping that left before the session began (what a new tab hears) is old news', () => {
    const answers = new AnsweredPings();
    answers.begin(5000);
    assert.equal(answers.fresh(answer(4999)), false);
    answers.begin(4000); // begun again (disabled and enabled, say): from then on
    assert.equal(answers.fresh(answer(4999)), true);
  });

  it('remembers the latest answers, the ones tabs repeat', () => {
    const answers = new AnsweredPings();
    for (let at = 1; at <= 20; at++) assert.equal(answers.fresh(answer(at)), true);
    assert.equal(answers.fresh(answer(20)), false);
    assert.equal(answers.fresh(answer(13)), false);
  });
});
