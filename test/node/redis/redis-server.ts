/**
 * Starts a real `redis-server` for the tests on a free port, and stops it. No mock: the store's Lua
 * script, TTLs and failure handling are only worth testing against the real thing.
 *
 * `.ci/run` installs `redis-server` from apt when it is missing; here a missing binary is a loud
 * failure, never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

/** Fails loudly, with what to do, when the binary is not installed. */
export function assertRedisServerInstalled(): void {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `The Redis store tests need a real \`${BINARY}\` but it could not be run (${probe.error?.message ?? probe.stderr}).\n` +
        'Install it (Debian/Ubuntu: `apt-get install -y redis-server`, macOS: `brew install redis`) ' +
        'or point REDIS_SERVER at the binary. These tests are never skipped.',
    );
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Sends one inline command over a raw socket and returns the first reply line (no client library involved). */
export function rawCommand(port: number, command: string, timeoutMs = 500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let data = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timeout')));
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      const head = data.indexOf('\r\n');
      if (head < 0) return;
      // A bulk string `$<len>\r\n<body>\r\n` is complete once the body is in; anything else after one line.
      const complete = data[0] !== '$' || data.length >= head + 2 + Number(data.slice(1, head)) + 2;
      if (complete) {
        socket.end();
        resolve(data);
      }
    });
    socket.on('error', reject);
  });
}

export interface RedisServerOptions {
  /** Start as a one-node Redis Cluster owning all 16384 slots (for the cluster clients). */
  cluster?: boolean;
}

/** One `redis-server` process on 127.0.0.1. `stop()` and `start()` again keep the same port. */
export class RedisServer {
  readonly port: number;
  readonly #cluster: boolean;
  readonly #dir: string;
  #child: ChildProcess | undefined;
  #log = '';

  private constructor(port: number, options: RedisServerOptions) {
    this.port = port;
    this.#cluster = options.cluster ?? false;
    this.#dir = mkdtempSync(join(tmpdir(), 'session-timeout-redis-'));
  }

  /** Starts a fresh server on a free port and waits for it to answer PONG. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    assertRedisServerInstalled();
    // Another test process may take the free port between our probe and redis-server's bind: retry.
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(await freePort(), options);
      try {
        await server.start();
        return server;
      } catch (error) {
        await server.close();
        if (attempt >= 3 || !/Address already in use/i.test(String(error))) throw error;
      }
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  /** (Re)starts the process on {@link port}; resolves once it answers PING (and, for a cluster, reports `cluster_state:ok`). */
  async start(): Promise<void> {
    if (this.#child) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--dir', this.#dir, '--daemonize', 'no'];
    if (this.#cluster) args.push('--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${this.port}.conf`, '--cluster-announce-ip', '127.0.0.1');
    const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#log = '';
    child.stdout!.on('data', (chunk) => (this.#log += chunk));
    child.stderr!.on('data', (chunk) => (this.#log += chunk));
    this.#child = child;
    killOnExit.add(child);
    child.once('exit', () => {
      killOnExit.delete(child);
      if (this.#child === child) this.#child = undefined;
    });

    const deadline = Date.now() + 10_000;
    for (;;) {
      if (!this.#child) throw new Error(`redis-server exited during start-up:\n${this.#log}`);
      const reply = await rawCommand(this.port, 'PING').catch(() => '');
      if (reply.startsWith('+PONG')) break;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer PONG:\n${this.#log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    if (this.#cluster) {
      await rawCommand(this.port, 'CLUSTER ADDSLOTSRANGE 0 16383');
      for (;;) {
        const info = await rawCommand(this.port, 'CLUSTER INFO');
        if (info.includes('cluster_state:ok')) break;
        if (Date.now() > deadline) throw new Error(`one-node cluster on ${this.port} never became ok:\n${info}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  /** Stops the process (SIGKILL-fast: a crash, not a polite shutdown) and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = once(child, 'exit');
    child.kill('SIGCONT'); // a paused process must run to act on the signal
    child.kill(signal);
    await exited;
  }

  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a hung server. */
  pause(): void {
    this.#child?.kill('SIGSTOP');
  }

  /** Thaws a {@link pause}d process (SIGCONT). */
  resume(): void {
    this.#child?.kill('SIGCONT');
  }

  /** Stops the process and removes its working directory. */
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

// A test that fails half-way must not leave a redis-server behind.
const killOnExit = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of killOnExit) child.kill('SIGKILL');
});
