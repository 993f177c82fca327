// Main-thread cost of activity, and timers, measured in the system Chromium with real (trusted) input.
//
//  1. Cost per activity event: two pages in one browser, side by side —
//       floor:   one bare `mousemove` listener that stores a timestamp;
//       element: the drop-in dist/session-timeout.min.js with <session-timeout> (defaults).
//     Each receives mouse moves through the browser's own input pipeline (CDP
//     Input.dispatchMouseEvent); the Performance domain's ScriptDuration is read before and after.
//     The browser coalesces moves that arrive faster than frames, so "sent" is not "delivered": every
//     page also has one counting listener, and a third page has only that counter; its cost is
//     subtracted from the other two (cost = ScriptDuration / delivered − counter's own per-event cost).
//     Rounds alternate the order of the pages so that drift hits all alike.
//  2. Timers: setTimeout/clearTimeout calls made while 100,000 delivered moves arrive, and timer
//     callbacks fired in 60 s of idleness before the warning (virtual time, so the minute passes at
//     once), counted by wrapping the page's setTimeout/clearTimeout before the element loads.
//
// Usage: npm run build && node bench/activity.mjs [moves sent per page for the cost, default 100000]
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const EVENTS = Number(process.argv[2] ?? 100_000);
const ROUNDS = 10;
const dropIn = readFileSync(new URL('../dist/session-timeout.min.js', import.meta.url), 'utf8');

const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.createBrowserContext();
const newPage = async () => {
  const page = await context.newPage();
  await page.setViewport({ width: 800, height: 600 });
  return page;
};

const COUNTER = "window.delivered = 0; addEventListener('mousemove', () => { delivered++; }, { passive: true });";

async function open(kind) {
  const page = await newPage();
  await page.setContent('<!doctype html><title>bench</title><p>bench</p>');
  await page.addScriptTag({ content: COUNTER });
  if (kind === 'counter') {
    // only the counter
  } else if (kind === 'floor') {
    await page.addScriptTag({ content: "let last = 0; addEventListener('mousemove', () => { last = Date.now(); }, { passive: true });" });
  } else {
    await page.addScriptTag({ type: 'module', content: dropIn });
    await page.evaluate(() => document.body.append(document.createElement('session-timeout')));
    await page.waitForFunction(() => document.querySelector('session-timeout')?.state === 'active');
  }
  const cdp = await page.createCDPSession();
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

/** mousemove events the page has dispatched so far (its counting listener). */
const delivered = (page) => page.evaluate(() => window.delivered);

// 1. Cost per event.
const pages = { counter: await open('counter'), floor: await open('floor'), element: await open('element') };
const kinds = Object.keys(pages);
const total = { counter: 0, floor: 0, element: 0 };
const events = { counter: 0, floor: 0, element: 0 };
const ratios = [];
for (let round = 0; round < ROUNDS; round++) {
  const perRound = {};
  for (const kind of kinds.slice(round % 3).concat(kinds.slice(0, round % 3))) {
    const { page, cdp } = pages[kind];
    await page.bringToFront();
    const before = await scriptSeconds(cdp);
    const countBefore = await delivered(page);
    await moves(cdp, EVENTS / ROUNDS);
    const spent = (await scriptSeconds(cdp)) - before;
    const count = (await delivered(page)) - countBefore;
    total[kind] += spent;
    events[kind] += count;
    perRound[kind] = spent / count;
  }
  ratios.push((perRound.element - perRound.counter) / (perRound.floor - perRound.counter));
}
ratios.sort((a, b) => a - b);
const median = (ratios[(ROUNDS - 1) >> 1] + ratios[ROUNDS >> 1]) / 2;
const raw = (kind) => (total[kind] / events[kind]) * 1e6;
const perEvent = (kind) => raw(kind) - raw('counter');
console.log(`main-thread script time per trusted mousemove (${EVENTS.toLocaleString('en')} moves sent per page in ${ROUNDS} alternating rounds;`);
console.log(`  delivered after coalescing: floor ${events.floor.toLocaleString('en')}, element ${events.element.toLocaleString('en')};`);
console.log(`  the counting listener alone costs ${raw('counter').toFixed(3)} µs per event and is subtracted):`);
console.log(`  floor (one bare listener storing a timestamp)   ${perEvent('floor').toFixed(3)} µs`);
console.log(`  <session-timeout> drop-in                        ${perEvent('element').toFixed(3)} µs`);
console.log(`  ratio element / floor, all rounds                ${(perEvent('element') / perEvent('floor')).toFixed(3)}×  (budget ≤ 1.25×)`);
console.log(`  ratio per round: median ${median.toFixed(3)}×, range ${ratios[0].toFixed(3)}–${ratios.at(-1).toFixed(3)}×`);

// 2. Timers, counted by wrapping the page's setTimeout/clearTimeout before the element loads.
const TIMER_STATS = `
  window.timerStats = { set: 0, clear: 0, fired: 0 };
  const set = window.setTimeout, clear = window.clearTimeout;
  window.setTimeout = (fn, ms, ...rest) => { timerStats.set++; return set((...a) => { timerStats.fired++; fn(...a); }, ms, ...rest); };
  window.clearTimeout = (id) => { timerStats.clear++; clear(id); };`;

async function timerPage(warnAfter, expireAfter) {
  const page = await newPage();
  await page.setContent('<!doctype html><title>timers</title><p>timers</p>');
  await page.addScriptTag({ content: COUNTER });
  await page.addScriptTag({ content: TIMER_STATS });
  await page.addScriptTag({ type: 'module', content: dropIn });
  await page.evaluate((w, e) => {
    const el = document.createElement('session-timeout');
    el.setAttribute('warn-after', w);
    el.setAttribute('expire-after', e);
    document.body.append(el);
  }, String(warnAfter), String(expireAfter));
  await page.waitForFunction(() => document.querySelector('session-timeout')?.state === 'active');
  const cdp = await page.createCDPSession();
  return {
    page,
    cdp,
    stats: () => page.evaluate(() => ({ ...window.timerStats })),
    state: () => page.evaluate(() => document.querySelector('session-timeout').state),
    // Virtual time: timers fire as they fall due and Date.now follows, so a minute passes at once.
    advance: (ms) =>
      new Promise((resolve) => {
        cdp.once('Emulation.virtualTimeBudgetExpired', resolve);
        cdp.send('Emulation.setVirtualTimePolicy', { policy: 'advance', budget: ms });
      }),
  };
}

// 2a. 100,000 delivered moves (warn-after 600 s, longer than the moves take).
const busy = await timerPage(600, 660);
const beforeMoves = await busy.stats();
const firstCount = await delivered(busy.page);
while ((await delivered(busy.page)) - firstCount < 100_000) await moves(busy.cdp, 50_000);
const afterMoves = await busy.stats();
const movesDelivered = (await delivered(busy.page)) - firstCount;
console.log(`\ntimers while ${movesDelivered.toLocaleString('en')} trusted mousemoves (and as many pointermoves) are dispatched:`);
console.log(`  setTimeout calls ${afterMoves.set - beforeMoves.set}, clearTimeout calls ${afterMoves.clear - beforeMoves.clear}, callbacks ${afterMoves.fired - beforeMoves.fired}`);
await busy.page.close();

// 2b. A page left idle from the start: 60 s, then on to the warning.
const idle = await timerPage(90, 150);
const beforeIdle = await idle.stats();
await idle.advance(60_000);
const afterIdle = await idle.stats();
console.log(`timer callbacks in 60 s of idleness before the warning (warn-after 90): ${afterIdle.fired - beforeIdle.fired} (state: ${await idle.state()})`);
await idle.advance(32_000);
const afterWarn = await idle.stats();
console.log(`  sanity check, 32 s later: state ${await idle.state()}, callbacks ${afterWarn.fired - afterIdle.fired} (the warning, then one tick a second)`);

await browser.close();
