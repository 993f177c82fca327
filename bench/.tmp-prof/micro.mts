import { Hono } from 'hono';
import { sessionTimeout } from '../../src/hono/index.js';
const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
const timeout = sessionTimeout({ expireAfter: 900, secret });
const withMw = new Hono();
withMw.post('/login', async (c) => { await timeout.start(c); return c.text('ok'); });
withMw.use('/app/*', timeout.middleware);
withMw.get('/app/page', (c) => c.text(c.get('sessionTimeout').id ? 'ok' : 'no'));
const empty = new Hono();
empty.use('/app/*', async (_c, next) => next());
empty.get('/app/page', (c) => c.text('ok'));
const bare = new Hono();
bare.get('/app/page', (c) => c.text('ok'));
const res = await withMw.request('http://127.0.0.1:3000/login', { method: 'POST' });
const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
const req = new Request('http://127.0.0.1:3000/app/page', { headers: { cookie, accept: '*/*', 'user-agent': 'x', host: '127.0.0.1:3000' } });
async function run(app: Hono, n: number) {
  const t = performance.now();
  for (let i = 0; i < n; i++) { const r = await app.fetch(req); if (r.status !== 200) throw new Error(String(r.status)); }
  return ((performance.now() - t) / n) * 1000;
}
for (let round = 0; round < 4; round++) {
  const b = await run(bare, 200_000), e = await run(empty, 200_000), m = await run(withMw, 200_000);
  console.log(`bare ${b.toFixed(2)} µs  empty-mw ${e.toFixed(2)} µs  timeout ${m.toFixed(2)} µs   delta vs empty ${(m - e).toFixed(2)} µs`);
}
