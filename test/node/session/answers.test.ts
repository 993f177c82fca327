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
    assert.equal(answers.fresh(answer(1000), true), true, 'this page’s own ping, as the session began');
    assert.equal(answers.fresh(answer(1000), false), false, 'the same answer, relayed back');
    assert.equal(answers.fresh(answer(2000), false), true, 'another tab’s ping');
    assert.equal(answers.fresh(answer(2000), false), false, 'the same answer, repeated by a third tab');
    assert.equal(answers.fresh({ ...answer(2000), expireAfter: 90 }, false), false, 'a copy is the same answer');
    assert.equal(answers.fresh(answer(1500, 70), false), true, 'an answer that arrives late is still one answer');
  });

  it('two pings that left in the same ms with different answers are two; this page’s own two pings are two whatever they got', () => {
    const answers = new AnsweredPings();
    assert.equal(answers.fresh(answer(1000, 80), false), true);
    assert.equal(answers.fresh(answer(1000, 79), false), true);
    assert.equal(answers.fresh(answer(3000, 80), true), true);
    assert.equal(answers.fresh(answer(3000, 80), true), true, 'a second ping of this page, in the same ms, the same answer');
    assert.equal(answers.fresh(answer(3000, 80), false), false, 'but a copy from another tab is not news');
  });

  it('a relayed answer to a ping that left before (or as) the session began, what a new tab hears, is old news', () => {
    const answers = new AnsweredPings();
    answers.begin(5000);
    assert.equal(answers.fresh(answer(4999), false), false);
    assert.equal(answers.fresh(answer(5000), false), false);
    answers.begin(4000); // begun again (disabled and enabled, say): from then on
    assert.equal(answers.fresh(answer(4999), false), true);
  });

  it('remembers the latest answers, the ones tabs repeat', () => {
    const answers = new AnsweredPings();
    for (let at = 1; at <= 20; at++) assert.equal(answers.fresh(answer(at), false), true);
    assert.equal(answers.fresh(answer(20), false), false);
    assert.equal(answers.fresh(answer(13), false), false);
  });
});
