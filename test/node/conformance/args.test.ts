// The kit's command line: what it accepts, and a clear message for everything it does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs, UsageError } from '../../../src/conformance/args.js';

const options = (argv: string[]) => {
  const parsed = parseArgs(argv);
  assert.equal(parsed.help, false);
  return parsed.help ? undefined : parsed.options;
};
const refuses = (argv: string[], message: RegExp) => assert.throws(() => parseArgs(argv), (error: unknown) => error instanceof UsageError && message.test(error.message));

describe('session-timeout-conformance arguments', () => {
  it('reads the base URL and every option, in both --name value and --name=value forms', () => {
    assert.deepEqual(
      options(['http://127.0.0.1:3000', '--ping', '/p', '--guarded=/app', '--sign-in', '/login', '--expire-after', '3', '--warn-after=2', '--max-wait', '20']),
      { baseUrl: 'http://127.0.0.1:3000', ping: '/p', guarded: '/app', signIn: '/login', expireAfter: 3, warnAfter: 2, maxWait: 20 },
    );
    assert.deepEqual(options(['https://app.example.com', '--cookie', 'sessionid=abc; csrftoken=x']), { baseUrl: 'https://app.example.com', cookie: 'sessionid=abc; csrftoken=x' });
  });

  it('answers --help', () => {
    assert.deepEqual(parseArgs(['--help']), { help: true });
    assert.deepEqual(parseArgs(['-h', 'http://x']), { help: true });
  });

  it('refuses what it does not understand, naming it', () => {
    refuses([], /base URL of the server is missing/);
    refuses(['localhost:3000'], /must be http or https/);
    refuses(['not a url'], /is not a URL/);
    refuses(['http://a', 'http://b'], /one base URL only/);
    refuses(['http://a', '--frobnicate'], /unknown option --frobnicate/);
    refuses(['http://a', '--ping'], /--ping needs a value/);
    refuses(['http://a', '--guarded', 'app'], /--guarded must be a path starting with "\/"/);
    refuses(['http://a', '--expire-after', 'soon'], /--expire-after must be a number of seconds above 0/);
    refuses(['http://a', '--expire-after', '0'], /above 0/);
    refuses(['http://a', '--expire-after', ''], /above 0/);
    refuses(['http://a', '--cookie', 'abc'], /--cookie must look like "name=value"/);
    refuses(['http://a', '--sign-in', '/login', '--cookie', 'a=b'], /--sign-in or --cookie, not both/);
    refuses(['http://a', '--expire-after', '3', '--warn-after', '3'], /--warn-after \(3\) must be below --expire-after \(3\)/);
  });
});
