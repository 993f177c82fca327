import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeUtf8, MAX_IDLE_SECONDS, parseIdle } from '../../../src/hono/ping-body.js';

describe('decodeUtf8', () => {
  it('decodes UTF-8, and answers null for bytes that are not (never U+FFFD)', () => {
    assert.equal(decodeUtf8(new TextEncoder().encode('{"idle": 3}').buffer as ArrayBuffer), '{"idle": 3}');
    assert.equal(decodeUtf8(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]).buffer), null);
  });
});

describe('parseIdle', () => {
  it('takes a finite number of seconds, 0 or more, fractions included', () => {
    assert.deepEqual(parseIdle('{"idle": 0}'), { idle: 0 });
    assert.deepEqual(parseIdle('{"idle": 12.5, "other": true}'), { idle: 12.5 });
  });

  it('clamps a huge idle, so now − idle stays a finite instant for every store', () => {
    for (const text of ['{"idle": 1e306}', '{"idle": 1.7976931348623157e308}', `{"idle": ${MAX_IDLE_SECONDS * 2}}`]) {
      assert.deepEqual(parseIdle(text), { idle: MAX_IDLE_SECONDS }, text);
    }
    assert.deepEqual(parseIdle(`{"idle": ${MAX_IDLE_SECONDS}}`), { idle: MAX_IDLE_SECONDS });
    assert.ok(Number.isFinite(Date.now() - MAX_IDLE_SECONDS * 1000));
  });

  for (const [what, text] of [
    ['empty body', ''],
    ['not JSON', 'idle=3'],
    ['invalid UTF-8', null],
    ['JSON null', 'null'],
    ['an array', '[3]'],
    ['a bare number', '3'],
    ['idle missing', '{}'],
    ['idle negative', '{"idle": -1}'],
    ['idle Infinity (1e999)', '{"idle": 1e999}'],
    ['idle NaN', '{"idle": NaN}'],
    ['idle a string', '{"idle": "3"}'],
    ['idle an object', '{"idle": {"value": 3}}'],
    ['idle an array', '{"idle": [3]}'],
    ['idle null', '{"idle": null}'],
    ['idle true', '{"idle": true}'],
  ] as const) {
    it(`refuses ${what}`, () => {
      const result = parseIdle(text);
      assert.ok('error' in result, JSON.stringify(result));
      assert.match(result.error, /idle/);
    });
  }
});
