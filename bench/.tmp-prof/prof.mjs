import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
const variant = process.argv[2];
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=bench/.tmp-prof/out', '--import', './bench/.tmp-prof/exit.mjs', '--import', 'tsx', 'bench/server-app.ts'], { env: { ...process.env, VARIANT: variant }, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((r) => child.stdout.on('data', (d) => { const m = /listening (\d+)/.exec(String(d)); if (m) r(Number(m[1])); }));
const base = `http://127.0.0.1:${port}`;
const res = await fetch(`${base}/login`, { method: 'POST' });
const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
const r = await autocannon({ url: `${base}/app/page`, connections: 32, duration: 4, headers: { cookie } });
console.log(variant, r.requests.average);

await once(child, 'exit');
