#!/usr/bin/env node
/// <reference types="node" />
/**
 * `npx session-timeout-conformance <base-url> [options]`: checks a running server against the wire
 * protocol. Exit code 0 when every rule holds, 1 when one fails (or the server cannot be reached),
 * 2 on bad usage.
 *
 * @module
 */
import { parseArgs, UsageError, USAGE } from './args.js';
import { formatReport } from './report.js';
import { ConnectionError, runConformance } from './run.js';

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`session-timeout-conformance: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const o = parsed.options;
  process.stdout.write(`Checking ${o.baseUrl} (ping ${o.ping ?? '/session/ping'}${o.guarded ? `, guarded ${o.guarded}` : ''}${o.signIn ? `, sign-in ${o.signIn}` : ''})...\n\n`);
  try {
    const report = await runConformance(o);
    process.stdout.write(`${formatReport(report)}\n`);
    return report.passed ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ConnectionError)) throw error;
    process.stderr.write(`session-timeout-conformance: could not reach the server: ${error.message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`session-timeout-conformance: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
