/**
 * The command line of `session-timeout-conformance`, parsed strictly: anything it does not know is
 * a usage error (exit code 2), never silently ignored.
 *
 * @module
 */
import type { ConformanceOptions } from './context.js';

export const USAGE = `Usage: session-timeout-conformance <base-url> [options]

Checks a running server against the session-timeout wire protocol (docs/protocol.md).

Options:
  --ping <path>          the ping endpoint (default /session/ping)
  --guarded <path>       a path behind the session middleware, served to a signed-in GET
  --sign-in <path>       a path that starts a new session on POST (a form with username and password)
  --cookie "<name=value>"  a live session's Cookie header, instead of --sign-in
  --expire-after <s>     the server's configured idle limit, seconds (checked against its answers)
  --warn-after <s>       the server's configured warning point, seconds
  --max-wait <s>         the longest to wait for a session to end (default 60)
  -h, --help             this text

Start the server with a short idle limit (e.g. 3 s) so the kit can watch a session end.
Exit code: 0 when every rule holds, 1 when one fails, 2 on bad usage.`;

/** A mistake on the command line: the message says which. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type Parsed = { help: true } | { help: false; options: ConformanceOptions };

const PATH_OPTIONS = { '--ping': 'ping', '--guarded': 'guarded', '--sign-in': 'signIn' } as const;
const SECOND_OPTIONS = { '--expire-after': 'expireAfter', '--warn-after': 'warnAfter', '--max-wait': 'maxWait' } as const;

export function parseArgs(argv: readonly string[]): Parsed {
  const options: Partial<ConformanceOptions> = {};
  let baseUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const valueOf = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    if (name in PATH_OPTIONS) {
      const value = valueOf();
      if (!value.startsWith('/')) throw new UsageError(`${name} must be a path starting with "/", got ${JSON.stringify(value)}`);
      options[PATH_OPTIONS[name as keyof typeof PATH_OPTIONS]] = value;
    } else if (name in SECOND_OPTIONS) {
      const value = valueOf();
      const seconds = Number(value);
      if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`${name} must be a number of seconds above 0, got ${JSON.stringify(value)}`);
      options[SECOND_OPTIONS[name as keyof typeof SECOND_OPTIONS]] = seconds;
    } else if (name === '--cookie') {
      const value = valueOf();
      if (!/^[^=;\s]+=/.test(value)) throw new UsageError(`--cookie must look like "name=value", got ${JSON.stringify(value)}`);
      options.cookie = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${name}`);
    } else if (baseUrl === undefined) {
      baseUrl = arg;
    } else {
      throw new UsageError(`one base URL only; also got ${JSON.stringify(arg)}`);
    }
  }
  if (baseUrl === undefined) throw new UsageError('the base URL of the server is missing, e.g. http://127.0.0.1:3000');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`${JSON.stringify(baseUrl)} is not a URL; give one such as http://127.0.0.1:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`the base URL must be http or https, got ${url.protocol}`);
  if (options.signIn && options.cookie) throw new UsageError('give --sign-in or --cookie, not both');
  if (options.warnAfter !== undefined && options.expireAfter !== undefined && options.warnAfter >= options.expireAfter) {
    throw new UsageError(`--warn-after (${options.warnAfter}) must be below --expire-after (${options.expireAfter})`);
  }
  return { help: false, options: { ...options, baseUrl } };
}
