// Helpers shared by the throughput benchmarks (bench/server-throughput.mjs, bench/redis-throughput.mjs).
import { once } from 'node:events';

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
