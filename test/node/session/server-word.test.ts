// What a page remembers of the server's word: pure logic, under Node.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ServerWord } from '../../../src/session/server-word.js';

/** Console lines said while a test runs (the messages load asynchronously). */
let said: string[] = [];
const original = { warn: console.warn, error: console.error };
/**
 * Waits until `count` lines were said (the messages module loads asynchronously), polling for up to 5 s: a
 * fixed short wait failed beside the other suites on two cores. Then a little more, so a line too many has
 * its chance to appear (and fails the count).
 */
async function settle(count = 0): Promise<void> {
  const until = Date.now() + 5000;
  while (said.length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('ServerWord', () => {
  beforeEach(() => {
    said = [];
    console.warn = console.error = (line: string) => said.push(line);
  });
  afterEach(() => Object.assign(console, original));

  it('the configured durations until the server sets its own; the same again is no change', () => {
    const word = new ServerWord();
    assert.deepEqual(word.durations({ expireAfter: 600 }), { warnAfter: 540, expireAfter: 600 });
    assert.deepEqual(word.adopt(900, 840, {}), { warnAfter: 840, expireAfter: 900 });
    assert.deepEqual(word.durations({ expireAfter: 600 }), { warnAfter: 840, expireAfter: 900 });
    assert.equal(word.adopt(900, 840, {}), null, 'unchanged');
    assert.equal(word.adopt(null, null, {}), null, 'a server that does not say keeps what is in force');
    assert.deepEqual(word.durations({}), { warnAfter: 840, expireAfter: 900 });
  });

  it('says once on the console when the page’s attributes disagree with the server, never when it set none', async () => {
    const word = new ServerWord();
    word.adopt(900, 840, {});
    await settle();
    assert.equal(said.length, 0, 'no attributes: nothing to disagree with');
    const page = { warnAfter: 60, expireAfter: 120 };
    word.adopt(1200, 1140, page);
    word.adopt(1500, 1440, page);
    await settle(1);
    assert.equal(said.length, 1);
  });

  it('the first subject heard is the page’s: another one, or none after it, is someone else; an absent one is unknown', () => {
    const word = new ServerWord();
    assert.equal(word.forSomeoneElse(undefined), false);
    assert.equal(word.subject, undefined);
    assert.equal(word.forSomeoneElse('alice'), false);
    assert.equal(word.forSomeoneElse('alice'), false);
    assert.equal(word.forSomeoneElse(undefined), false, 'an older element’s message');
    assert.equal(word.forSomeoneElse('bob'), true);
    assert.equal(word.forSomeoneElse(null), true, 'signed out');
    assert.equal(word.subject, 'alice');
    const anonymous = new ServerWord();
    assert.equal(anonymous.forSomeoneElse(null), false);
    assert.equal(anonymous.forSomeoneElse('bob'), false, 'a session with no subject has no user to lose');
  });

  it('a ping answered without the protocol is said once per status; passing failures stay quiet', async () => {
    const word = new ServerWord();
    for (const status of [0, 502, 503, 504]) word.reportDeadPing(status, new Error('passing'));
    word.reportDeadPing(404, new Error('not found'));
    word.reportDeadPing(404, new Error('not found'));
    word.reportDeadPing(500, new Error('broken'));
    await settle(2);
    assert.equal(said.length, 2);
  });
});
