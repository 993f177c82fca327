// `npx session-timeout-conformance` as a user runs it: a child process, its output and its exit code.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_DOC } from '../../../src/conformance/rules.js';
import { serveBroken, serveDemo, type Served } from './servers.js';

/** Two servers only here: the 3 s the docs suggest. */
const durations = { expireAfter: 3, warnAfter: 2 };

const root = fileURLToPath(new URL('../../..', import.meta.url));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/conformance/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('session-timeout-conformance (the command)', () => {
  let demo: Served;
  let broken: Served;
  before(async () => {
    [demo, broken] = await Promise.all([serveDemo(durations), serveBroken({ response(response) {
      const headers = new Headers(response.headers);
      headers.delete('cache-control');
      return new Response(response.body, { status: response.status, headers });
    } }, durations)]);
  });
  after(() => Promise.all([demo.close(), broken.close()]));

  const timing = ['--expire-after', String(durations.expireAfter), '--warn-after', String(durations.warnAfter)];

  it('exits 0 with one line per rule and a summary when the server conforms; 1 naming the rule and its section when it does not', async () => {
    const [good, bad] = await Promise.all([
      cli([demo.origin, '--sign-in', '/login', '--guarded', '/', ...timing]),
      cli([broken.origin, '--sign-in', '/login', '--guarded', '/app', ...timing]),
    ]);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /^PASS {2}never-revived: /m);
    assert.match(good.stdout, /^SKIP {2}presence: .*\(skipped: the server advertises no closeAfter/m);
    assert.match(good.stdout, /17 passed, 0 failed, 1 skipped in [\d.]+ s: the server conforms/);

    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /^FAIL {2}no-store: /m);
    assert.ok(bad.stdout.includes(`see ${PROTOCOL_DOC}#cache-control-no-store-on-every-answer`), bad.stdout);
    assert.match(bad.stdout, /POST \/session\/ping \{"idle":0\} answered 200 without Cache-Control: no-store/);
    assert.match(bad.stdout, /the server does NOT conform/);
  });

  it('exits 2 on bad usage, saying what is wrong and how to call it', async () => {
    const result = await cli(['--sign-in', 'login']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--sign-in must be a path starting with "\/", got "login"/);
    assert.match(result.stderr, /Usage: session-timeout-conformance <base-url>/);
  });

  it('exits 1 when the server cannot be reached', async () => {
    const result = await cli(['http://127.0.0.1:9', '--sign-in', '/login']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /could not reach the server: .*ECONNREFUSED/);
  });
});
