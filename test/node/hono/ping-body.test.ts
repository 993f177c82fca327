import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_IDLE_SECONDS, MAX_PING_BODY_BYTES, parseIdle, readBodyText, TOO_LARGE } from '../../../src/hono/ping-body.js';

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://localhost/session/ping', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

/** A chunked body (no Content-Length) that records how many chunks the reader pulled. */
function endlessBody(chunkBytes: number) {
  const stats = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      if (stats.pulled === 10_000) controller.close();
    },
  });
  return { stream, stats };
}

describe('readBodyText', () => {
  it('reads a small body', async () => {
    assert.equal(await readBodyText(post('{"idle": 3}')), '{"idle": 3}');
  });

  it('reads an absent body as empty text', async () => {
    assert.equal(await readBodyText(post(null)), '');
  });

  it('accepts exactly 1 KiB and refuses one byte more', async () => {
    assert.equal(typeof (await readBodyText(post(' '.repeat(MAX_PING_BODY_BYTES)))), 'string');
    assert.equal(await readBodyText(post(' '.repeat(MAX_PING_BODY_BYTES + 1))), TOO_LARGE);
  });

  it('refuses on a Content-Length over the limit without reading the body', async () => {
    const { stream, stats } = endlessBody(100);
    assert.equal(await readBodyText(post(stream, { 'Content-Length': '5000' })), TOO_LARGE);
    assert.ok(stats.pulled <= 1, `read ${stats.pulled} chunks`);
  });

  it('stops reading a chunked body without Content-Length once it passes the limit', async () => {
    const { stream, stats } = endlessBody(100);
    assert.equal(await readBodyText(post(stream)), TOO_LARGE);
    // 11 chunks of 100 bytes pass 1 KiB; the stream may buffer one ahead.
    assert.ok(stats.pulled <= 13, `read ${stats.pulled} of 10000 chunks`);
  });

  it('does not trust a Content-Length that understates the body', async () => {
    const { stream } = endlessBody(100);
    assert.equal(await readBodyText(post(stream, { 'Content-Length': '10' })), TOO_LARGE);
  });

  it('answers null for bytes that are not UTF-8', async () => {
    assert.equal(await readBodyText(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))), null);
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
