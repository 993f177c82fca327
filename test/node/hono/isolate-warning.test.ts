import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ISOLATE_WARNING, isWorkerd, warnIfIsolateLocal } from '../../../src/hono/isolate-warning.js';

describe('isolate warning', () => {
  it('recognises workerd by its exact user agent, and nothing else', () => {
    assert.equal(isWorkerd('Cloudflare-Workers'), true);
    assert.equal(isWorkerd('Node.js/20'), false);
    assert.equal(isWorkerd('Deno/2.9.6'), false);
    assert.equal(isWorkerd(undefined), false);
  });

  it('warns on workerd only, and only once per isolate', () => {
    const warnings: string[] = [];
    warnIfIsolateLocal('Node.js/20', (message) => warnings.push(message));
    assert.equal(warnings.length, 0);
    warnIfIsolateLocal('Cloudflare-Workers', (message) => warnings.push(message));
    warnIfIsolateLocal('Cloudflare-Workers', (message) => warnings.push(message));
    assert.deepEqual(warnings, [ISOLATE_WARNING]);
  });
});
