/**
 * How the protocol suite starts the real handler on each runtime: bundle `entries/<runtime>.ts` with
 * esbuild (from `src/hono`, as a user's bundler would), then run that bundle with the runtime's own
 * binary from the npm devDependencies (`bun`, `deno`, `workerd`), on a free local port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

/** Given to workerd as a binding, so its secret reaches the handler only through `c.env`. */
const WORKERD_SECRET = 'workerd-binding-secret-that-is-at-least-32-chars';

export interface Runtime {
  name: 'node' | 'bun' | 'deno' | 'workerd';
  /** The binary, and how to get it when it is missing. */
  binary: string;
  install: string;
  /** esbuild's platform for the bundle. */
  platform: 'node' | 'neutral';
  /** The command serving `bundle` (in `dir`) on `port`; `durableObjects`: binding name → the entry's exported class (workerd). */
  command(dir: string, bundle: string, port: number, durableObjects: DurableObjectBindings): { args: string[]; env?: Record<string, string> };
}

export const runtimes: Runtime[] = [
  {
    name: 'node',
    binary: process.execPath,
    install: 'Node ≥ 20 runs this suite itself',
    platform: 'node',
    command: (_dir, bundle) => ({ args: [bundle] }),
  },
  {
    name: 'bun',
    binary: bin('bun'),
    install: 'run `npm ci` (the `bun` devDependency brings the binary; if its postinstall was blocked, `npm rebuild bun`)',
    platform: 'neutral',
    command: (_dir, bundle) => ({ args: [bundle] }),
  },
  {
    name: 'deno',
    binary: bin('deno'),
    install: 'run `npm ci` (the `deno` devDependency brings the binary; if its postinstall was blocked, `npm rebuild deno`)',
    platform: 'neutral',
    command: (_dir, bundle) => ({ args: ['run', '--allow-net', '--allow-env=PORT', '--no-prompt', bundle], env: { DENO_NO_UPDATE_CHECK: '1' } }),
  },
  {
    name: 'workerd',
    binary: bin('workerd'),
    install: 'run `npm ci` (the `workerd` devDependency brings the binary; if its postinstall was blocked, `npm rebuild workerd`)',
    platform: 'neutral',
    command(dir, _bundle, port, durableObjects) {
      // The config embeds the bundle by a path relative to itself: both sit in `dir`.
      const config = join(dir, 'config.capnp');
      writeFileSync(config, workerdConfig(port, durableObjects));
      return { args: ['serve', config] };
    },
  },
];

/** Durable Object namespaces to bind: binding name → the name of a class the entry exports. */
export type DurableObjectBindings = Record<string, string>;

/**
 * A minimal workerd config: one module worker, one HTTP socket, the secret as a text binding, and a
 * namespace per entry of `durableObjects` (in-memory storage).
 */
function workerdConfig(port: number, durableObjects: DurableObjectBindings): string {
  const classes = [...new Set(Object.values(durableObjects))];
  const objects = classes.length
    ? `durableObjectNamespaces = [ ${classes.map((name) => `(className = "${name}", uniqueKey = "session-timeout-test-${name}")`).join(', ')} ],
    durableObjectStorage = (inMemory = void),`
    : '';
  const binding = Object.entries(durableObjects)
    .map(([name, className]) => `, (name = "${name}", durableObjectNamespace = "${className}")`).join('');
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (
    modules = [ (name = "worker.js", esModule = embed "worker.js") ],
    compatibilityDate = "2025-09-01",
    bindings = [ (name = "SESSION_SECRET", text = ${JSON.stringify(WORKERD_SECRET)})${binding} ],
    ${objects}
  )) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
`;
}

/**
 * Throws, saying how to install it, unless the runtime's binary answers `--version`: a missing
 * runtime fails the run rather than being skipped.
 */
export function checkBinary(runtime: Runtime): string {
  const result = spawnSync(runtime.binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (result.error || result.status !== 0) {
    throw new Error(
      `The ${runtime.name} runtime is missing or broken (${runtime.binary}: ${result.error?.message ?? result.stderr.trim()}). ` +
        `To install it: ${runtime.install}.`,
    );
  }
  return result.stdout.trim().split('\n')[0]!;
}

export interface Served {
  origin: string;
  /** What the runtime printed, for the failure message. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** The entry, relative to the repository (default: `test/runtimes/entries/<runtime>.ts`). */
  entry?: string;
  /** workerd: `true` binds `SESSIONS` to the entry's exported `SessionStoreObject`; or name the bindings. */
  durableObjects?: boolean | DurableObjectBindings;
}

/** Bundles the entry, starts it with the runtime, and resolves once `/health` answers. */
export async function serve(
  runtime: Runtime,
  { entry = `test/runtimes/entries/${runtime.name}.ts`, durableObjects = false }: ServeOptions = {},
): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), `session-timeout-${runtime.name}-`));
  const bundle = join(dir, 'worker.js');
  await build({
    entryPoints: [join(root, entry)],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: runtime.platform,
    target: 'es2022',
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  const port = await freePort();
  const bindings = durableObjects === true ? { SESSIONS: 'SessionStoreObject' } : durableObjects || {};
  const { args, env } = runtime.command(dir, bundle, port, bindings);
  const child = spawn(runtime.binary, args, {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await exit(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(origin, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output: () => output, stop };
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before serving:\n${output()}`);
    try {
      if ((await fetch(`${origin}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`did not answer ${origin}/health within 30 s:\n${output()}`);
}

function exit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    // A runtime that ignores SIGTERM must not hold the run open.
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
