// Main-thread cost of activity, and timers, measured in the system Chromium with real (trusted) input.
//
//  1. Cost per activity event, from Chromium's own trace slices. Two pages in one browser:
//       floor:   the one-listener floor, a single passive `mousemove` listener that stores a timestamp;
//       element: the drop-in dist/session-timeout.min.js with a default <session-timeout>.
//     Each receives trusted mouse moves through the browser's input pipeline (CDP
//     Input.dispatchMouseEvent), traced with the `input` category only. Every mousemove the page's main
//     thread handles (after the browser's coalescing) is one `WebFrameWidgetImpl::HandleInputEvent`
//     slice, `args.type` MouseMove; its thread duration (`tdur`, CPU time of the main thread inside it)
//     covers everything the event costs there: hit testing, hover, event paths, listeners. The figure is
//     Σ tdur / slices per page. (The earlier ScriptDuration method saw only the listeners' ~3 µs of
//     a ~65–150 µs event, so its rounds could not decide.)
//     ROUNDS rounds interleave the pages (ABBA order), each traced separately, so drift and the load
//     of other processes hit both alike; the 95 % interval of the ratio element ÷ floor is a paired
//     bootstrap over rounds (rounds resampled, both pages of a round together).
//  2. Timers: setTimeout/clearTimeout calls made while 100,000 delivered moves arrive, and timer
//     callbacks fired in 60 s of idleness before the warning (virtual time, so the minute passes at
//     once), counted by wrapping the page's setTimeout/clearTimeout before the element loads.
//
// Usage: npm run build && node bench/activity.mjs
// Env:   ROUNDS (default 64), MOVES (moves sent per page per round, default 1000: ~125 delivered),
//        TIMER_MOVES (delivered moves for the timer count, default 100000), CHROME_PATH (default /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { bootstrap, formatInterval, orderOf, pooled, verdict } from './bootstrap.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 64);
const MOVES = Number(process.env.MOVES ?? 1000);
const TIMER_MOVES = Number(process.env.TIMER_MOVES ?? 100_000);
const SLICE = 'WebFrameWidgetImpl::HandleInputEvent';
const dropIn = readFileSync(new URL('../dist/session-timeout.min.js', import.meta.url), 'utf8');

const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
const loadAtStart = load();

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
  if (kind === 'floor') {
    await page.addScriptTag({ content: "let last = 0; addEventListener('mousemove', () => { last = Date.now(); }, { passive: true });" });
  } else {
    await page.addScriptTag({ type: 'module', content: dropIn });
    await page.evaluate(() => document.body.append(document.createElement('session-timeout')));
    await page.waitForFunction(() => document.querySelector('session-timeout')?.state === 'active');
  }
  return { page, cdp: await page.createCDPSession() };
}

/** Sends `count` trusted mouse moves (pipelined, 50 in flight) that always change position. */
async function moves(cdp, count, offset = 0) {
  for (let sent = 0; sent < count; ) {
    const batch = [];
    for (let i = 0; i < 50 && sent < count; i++, sent++) {
      const n = offset + sent;
      batch.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 10 + (n % 500), y: 10 + (n % 7) }));
    }
    await Promise.all(batch);
  }
}

/** Traces `count` moves sent to one page; returns the main thread's mousemove slices: count and Σ CPU, Σ wall µs. */
async function traced(cdp, count, offset) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['input'], recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  await moves(cdp, count, offset);
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const slices = events.filter((e) => e.name === SLICE && e.ph === 'X' && e.args?.type === 'MouseMove');
  if (slices.some((e) => e.tdur === undefined)) throw new Error(`${SLICE} slices carry no thread duration (tdur)`);
  return { count: slices.length, cost: slices.reduce((s, e) => s + e.tdur, 0), wall: slices.reduce((s, e) => s + e.dur, 0) };
}

// 1. Cost per event.
const pages = { floor: await open('floor'), element: await open('element') };
for (const { page, cdp } of Object.values(pages)) {
  await page.bringToFront();
  await moves(cdp, 2000); // warm-up: JIT, caches, first frames
}
const rounds = [];
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  const result = {};
  for (const kind of orderOf(['floor', 'element'], round)) {
    const { page, cdp } = pages[kind];
    await page.bringToFront();
    await moves(cdp, 20, round * MOVES); // settle after the switch, not traced
    result[kind] = await traced(cdp, MOVES, round * MOVES + 20);
  }
  rounds.push(result);
}
const seconds = (performance.now() - started) / 1000;
const total = (kind) => rounds.reduce((s, r) => ({ count: s.count + r[kind].count, cost: s.cost + r[kind].cost, wall: s.wall + r[kind].wall }), { count: 0, cost: 0, wall: 0 });
const floor = total('floor');
const element = total('element');
const perRound = rounds.map((r) => r.element.cost / r.element.count / (r.floor.cost / r.floor.count)).sort((a, b) => a - b);
const ratio = bootstrap(rounds, (rs) => pooled(rs, 'element') / pooled(rs, 'floor'));
const us = (x) => `${x.toFixed(1)} µs`;
console.log(`CPU time of ${SLICE} per delivered mousemove (trace slices, thread duration)`);
console.log(`  ${ROUNDS} interleaved rounds × ${MOVES} moves sent per page, ${seconds.toFixed(0)} s; load average ${loadAtStart} at start, ${load()} at end`);
console.log(`  delivered after coalescing: floor ${floor.count.toLocaleString('en')}, element ${element.count.toLocaleString('en')}`);
console.log(`  floor (one passive listener storing a timestamp)  ${us(floor.cost / floor.count)} CPU  (${us(floor.wall / floor.count)} wall)`);
console.log(`  <session-timeout> drop-in                         ${us(element.cost / element.count)} CPU  (${us(element.wall / element.count)} wall)`);
console.log(`  ratio element ÷ floor  ${formatInterval(ratio)}  (budget: upper end ≤ 1.25×)`);
console.log(`  per-round ratios: median ${perRound[ROUNDS >> 1].toFixed(3)}×, quartiles ${perRound[ROUNDS >> 2].toFixed(3)}–${perRound[(3 * ROUNDS) >> 2].toFixed(3)}×`);
console.log(`  verdict: ${verdict(ratio, 1.25, false)}`);
if (process.env.ROUNDS_JSON) console.log(JSON.stringify(rounds));

if (TIMER_MOVES > 0) {
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
      delivered: () => page.evaluate(() => window.delivered),
      state: () => page.evaluate(() => document.querySelector('session-timeout').state),
      // Virtual time: timers fire as they fall due and Date.now follows, so a minute passes at once.
      advance: (ms) =>
        new Promise((resolve) => {
          cdp.once('Emulation.virtualTimeBudgetExpired', resolve);
          cdp.send('Emulation.setVirtualTimePolicy', { policy: 'advance', budget: ms });
        }),
    };
  }

  // 2a. TIMER_MOVES delivered moves (warn-after 600 s, longer than the moves take).
  const busy = await timerPage(600, 660);
  await busy.page.bringToFront();
  const beforeMoves = await busy.stats();
  const firstCount = await busy.delivered();
  for (let offset = 0; (await busy.delivered()) - firstCount < TIMER_MOVES; offset += 10_000) await moves(busy.cdp, 10_000, offset);
  const afterMoves = await busy.stats();
  const movesDelivered = (await busy.delivered()) - firstCount;
  console.log(`\ntimers while ${movesDelivered.toLocaleString('en')} trusted mousemoves are dispatched:`);
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
}
console.log(`\nload average at the end: ${load()}`);
await browser.close();
