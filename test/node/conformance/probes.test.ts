// The probes on their own: a server that refuses a large body by closing the connection fails the
// 413 rule, with why, rather than ending the whole run.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { CheckContext } from '../../../src/conformance/context.js';
import { HttpClient } from '../../../src/conformance/http.js';
import { checkTooLarge } from '../../../src/conformance/probes.js';
import { Results } from '../../../src/conformance/results.js';
import { Session } from '../../../src/conformance/session.js';

describe('checkTooLarge', () => {
  it('fails too-large-413 when the server closes the connection on a large body, and the run goes on', async () => {
    // Answers small bodies 200 (no-store), and drops the connection of any body over 1 KiB.
    const server = createServer((req, res) => {
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 1024) req.socket.destroy();
      });
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end('{"remaining":3,"expireAfter":3,"warnAfter":2,"absoluteRemaining":null}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const http = new HttpClient(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    const results = new Results();
    try {
      await checkTooLarge(new CheckContext({ baseUrl: http.origin }, http, results), Session.fromHeader('sid=1'));
    } finally {
      http.close();
      server.close();
    }
    const rule = results.list().find((result) => result.rule.id === 'too-large-413')!;
    assert.equal(rule.status, 'fail');
    assert.equal(rule.messages.length, 2, rule.messages.join('\n'));
    assert.match(rule.messages[0]!, /^a valid ping body of 1025 bytes: the connection closed without an answer \(.*\); expected 413$/);
    assert.match(rule.messages[1]!, /^the same 1025 bytes sent chunked: the connection closed without an answer/);
  });
});
