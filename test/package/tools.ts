// Runs the command-line tools the package tests drive (tsc, vue-tsc, publint, attw) from this
// repository's node_modules, and says what they printed when they fail.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  status: number | null;
  output: string;
}

/** `node_modules/.bin/<tool> ...args` in the repository root. */
export function run(tool: string, args: string[]): Run {
  const result = spawnSync(join(root, 'node_modules', '.bin', tool), args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
