// Helpers shared by the throughput benchmarks (bench/server-throughput.mjs, bench/redis-throughput.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Starts `app` (a TypeScript file beside this one, run through tsx) as a child process with `env`
 * added, and waits for its `listening <port>` line.
 */
export async function startServer(app, variant, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(app, import.meta.url))], {
    env: { ...process.env, ...env, VARIANT: variant, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${variant} exited with ${code}`)));
  });
  return { variant, base: `http://127.0.0.1:${port}`, child };
}

/** Stops a server started as a child process and waits until it has exited. */
export async function stopServer({ child }) {
  const exited = once(child, 'exit');
  child.kill();
  await exited;
}

/** Signs in once (`POST /login`) and checks the cookie really passes the session check of `/app/page`. */
export async function login(base) {
  const res = await fetch(`${base}/login`, { method: 'POST' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const check = await fetch(`${base}/app/page`, { headers: { cookie } });
  const text = await check.text();
  if (check.status !== 200 || text !== 'ok') throw new Error(`login failed on ${base}: ${check.status} ${text}`);
  return cookie;
}
