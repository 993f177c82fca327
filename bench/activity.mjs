// Main-thread cost of activity, and timers, measured in the system Chromium with real (trusted) input.
//
//  1. Cost per activity event: two pages in one browser, side by side —
//       floor:   one bare `mousemove` listener that stores a timestamp;
//       element: the drop-in dist/session-timeout.min.js with <session-timeout> (defaults).
//     Each receives the same mouse moves through the browser's own input pipeline
//     (CDP Input.dispatchMouseEvent), and the Performance domain's ScriptDuration is read before and
//     after. Rounds alternate between the pages so that drift hits both alike.
//  2. Timers: setTimeout/clearTimeout calls made while 100,000 moves arrive, and timer callbacks fired
//     in 60 s of idleness before the warning (virtual time, so the minute passes at once), counted by
//     wrapping the page's setTimeout/clearTimeout before the element loads.
//
// Usage: npm run build && node bench/activity.mjs [events per page, default 100000]
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const EVENTS = Number(process.argv[2] ?? 100_000);
const ROUNDS = 5;
const dropIn = readFileSync(new URL('../dist/session-timeout.min.js', import.meta.url), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 800, height: 600 } });

async function open(kind) {
  const page = await context.newPage();
  await page.setContent('<!doctype html><title>bench</title><p>bench</p>');
  if (kind === 'floor') {
    await page.addScriptTag({ content: "let last = 0; addEventListener('mousemove', () => { last = Date.now(); }, { passive: true });" });
  } else {
    await page.addScriptTag({ type: 'module', content: dropIn });
    await page.evaluate(() => document.body.append(document.createElement('session-timeout')));
    await page.waitForFunction(() => document.querySelector('session-timeout')?.state === 'active');
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

const scriptSeconds = async (cdp) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'ScriptDuration').value;

/** Sends `count` trusted mouse moves (pipelined, 200 in flight) that always change position. */
async function moves(cdp, count) {
  for (let sent = 0; sent < count; ) {
    const batch = [];
    for (let i = 0; i < 200 && sent < count; i++, sent++) {
      batch.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 10 + (sent % 500), y: 10 + (sent % 7) }));
    }
    await Promise.all(batch);
  }
}

// 1. Cost per event.
const pages = { floor: await open('floor'), element: await open('element') };
const total = { floor: 0, element: 0 };
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of round % 2 ? ['element', 'floor'] : ['floor', 'element']) {
    const { page, cdp } = pages[kind];
    await page.bringToFront();
    const before = await scriptSeconds(cdp);
    await moves(cdp, EVENTS / ROUNDS);
    total[kind] += (await scriptSeconds(cdp)) - before;
  }
}
const perEvent = (kind) => (total[kind] / EVENTS) * 1e6;
console.log(`main-thread script time per trusted mousemove (${EVENTS.toLocaleString('en')} events per page, ${ROUNDS} alternating rounds):`);
console.log(`  floor (one bare listener storing a timestamp)   ${perEvent('floor').toFixed(3)} µs`);
console.log(`  <session-timeout> drop-in                        ${perEvent('element').toFixed(3)} µs`);
console.log(`  ratio element / floor                            ${(perEvent('element') / perEvent('floor')).toFixed(3)}×  (budget ≤ 1.25×)`);

// 2. Timers.
const counted = await context.newPage();
await counted.setContent('<!doctype html><title>timers</title><p>timers</p>');
await counted.addScriptTag({
  content: `
    window.timerStats = { set: 0, clear: 0, fired: 0 };
    const set = window.setTimeout, clear = window.clearTimeout;
    window.setTimeout = (fn, ms, ...rest) => { timerStats.set++; return set((...a) => { timerStats.fired++; fn(...a); }, ms, ...rest); };
    window.clearTimeout = (id) => { timerStats.clear++; clear(id); };`,
});
await counted.addScriptTag({ type: 'module', content: dropIn });
await counted.evaluate(() => {
  const el = document.createElement('session-timeout');
  el.setAttribute('warn-after', '90');
  el.setAttribute('expire-after', '150');
  document.body.append(el);
});
await counted.waitForFunction(() => document.querySelector('session-timeout')?.state === 'active');
const cdp = await context.newCDPSession(counted);
const stats = () => counted.evaluate(() => ({ ...window.timerStats }));
const state = () => counted.evaluate(() => document.querySelector('session-timeout').state);

const beforeMoves = await stats();
await moves(cdp, EVENTS);
const afterMoves = await stats();
console.log(`\ntimers while ${EVENTS.toLocaleString('en')} trusted mousemoves arrive:`);
console.log(`  setTimeout calls ${afterMoves.set - beforeMoves.set}, clearTimeout calls ${afterMoves.clear - beforeMoves.clear}, callbacks ${afterMoves.fired - beforeMoves.fired}`);

// Idle from now on: let 60 s of virtual time pass (timers fire as they fall due, Date.now follows).
const advance = (ms) =>
  new Promise((resolve) => {
    cdp.once('Emulation.virtualTimeBudgetExpired', resolve);
    cdp.send('Emulation.setVirtualTimePolicy', { policy: 'advance', budget: ms });
  });
const beforeIdle = await stats();
await advance(60_000);
const afterIdle = await stats();
console.log(`timer callbacks in 60 s of idleness before the warning (warn-after 90): ${afterIdle.fired - beforeIdle.fired} (state: ${await state()})`);
await advance(32_000);
const afterWarn = await stats();
console.log(`  sanity check, 32 s later: state ${await state()}, callbacks ${afterWarn.fired - afterIdle.fired} (the warning, then one tick a second)`);

await browser.close();
