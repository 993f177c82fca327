/**
 * Typing inside frames keeps the session (issue 23): a same-origin frame with no element and no
 * module in it, and a frame of another origin that loads `session-timeout-element/frame`, which the
 * element believes only when `frame-origins` lists that origin. The demo server and real time:
 * warning after 4 s, end after 10 s; the user types in the frame for longer than that. A test at a
 * time: each types, and a window opened beside it can take its keyboard focus (requirements.test.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { ACTIVITY_EVENTS } from '../../src/browser/activity-events.js';
import { describeInBrowsers, elementState, sleep } from './harness.js';

const WARN_AFTER = 4;
const EXPIRE_AFTER = 10;

/**
 * The frame's field, which tells the parent how much it holds (the test's own message, which the
 * element ignores): proof that the keys reached the frame, whatever the element made of them.
 */
const FIELD = '<textarea id="field" style="width: 250px; height: 80px"></textarea>' +
  '<script>field.oninput = () => parent.postMessage({ test: "typed", length: field.value.length }, "*")</script>';

/**
 * Another origin (another port of 127.0.0.1): a page that loads the frame module, and the package's
 * built modules it imports, as an app on another host would serve them.
 */
let other: Server;
let otherOrigin: string;
before(async () => {
  other = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname;
    if (path == '/framed') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      return response.end(`<!doctype html><title>framed</title>${FIELD}<script type="module" src="/dist/frame.js"></script>`);
    }
    const file = /^\/dist(\/[\w-]+)+\.js$/.test(path) ? new URL(`../..${path}`, import.meta.url) : null;
    try {
      const script = readFileSync(file!);
      response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      response.end(script);
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  other.listen(0, '127.0.0.1');
  await once(other, 'listening');
  otherOrigin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
});
after(() => other.close());

describeInBrowsers('typing in frames', { warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER }, (suite) => {
  /**
   * Puts a frame showing `src` (or the `srcdoc`) at the top left of the page, waits for it to load,
   * then clicks into its field and types until the field said it holds something. Before that the
   * page's own tracker may hear the input (Chromium routes a click to the parent while a just-loaded
   * frame of another process is not yet hit-testable). From then on, the page records the input it
   * hears itself while the element is active (see {@link pageHeardNothing}).
   */
  async function addReadyFrame(page: Page, frame: { src?: string; srcdoc?: string }): Promise<void> {
    await page.evaluate((frame) => new Promise<void>((resolve) => {
      window.addEventListener('message', (event) => {
        if (event.data?.test == 'typed') (window as unknown as { typed: number }).typed = event.data.length;
      });
      const iframe = Object.assign(document.createElement('iframe'), frame);
      iframe.style.cssText = 'position: fixed; left: 0; top: 0; width: 300px; height: 120px; z-index: 1; background: white';
      iframe.addEventListener('load', () => resolve(), { once: true });
      document.body.append(iframe);
    }), frame);
    for (let attempt = 1; !(await typedInFrame(page)); attempt++) {
      if (attempt > 10) throw new Error('the keys never reached the frame');
      await clickAndTypeInFrame(page);
      await sleep(200);
    }
    await page.evaluate((types) => {
      const heard: string[] = ((window as unknown as { heardHere: string[] }).heardHere = []);
      const element = document.querySelector('session-timeout') as HTMLElement & { state: string };
      // Once a warning covers the frame, the clicks go to it, as they should.
      const listener = (event: Event) => event.isTrusted && element.state == 'active' && heard.push(event.type);
      for (const type of types) window.addEventListener(type, listener, { capture: true });
    }, [...ACTIVITY_EVENTS]);
  }

  /** The user clicks into the frame's field (at the page's top left) and types a key. */
  async function clickAndTypeInFrame(page: Page): Promise<void> {
    await page.mouse.click(60, 30);
    await page.keyboard.type('a');
  }

  /** How many characters the frame's field holds, as it last said. */
  const typedInFrame = (page: Page) => page.evaluate(() => (window as unknown as { typed?: number }).typed ?? 0);

  /** Since the frame was ready, the page itself heard none of the user's input while active: it all went to the frame. */
  async function pageHeardNothing(page: Page): Promise<void> {
    assert.deepEqual(await page.evaluate(() => (window as unknown as { heardHere: string[] }).heardHere), [],
      'the input went to the frame, not to the page');
  }

  /** The user clicks into the frame's field and types, once a second for `seconds`; the element's states meanwhile. */
  async function typeInFrame(page: Page, seconds: number): Promise<Set<string>> {
    const states = new Set<string>();
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await clickAndTypeInFrame(page); // clicked each time, as a user would come back to the field
      states.add(await elementState(page));
      await sleep(1000);
    }
    states.add(await elementState(page));
    return states;
  }

  /** Signed in, with `frame` (and `frameOrigins` listed first): typing in it for longer than the session keeps it. */
  async function typingKeepsTheSession(frame: { src?: string; srcdoc?: string }, frameOrigins: string[] = []) {
    const { context, page } = await suite.signedIn();
    await page.evaluate((origins) => { (document.querySelector('session-timeout') as unknown as { frameOrigins: string[] }).frameOrigins = origins; }, frameOrigins);
    await addReadyFrame(page, frame);
    const states = await typeInFrame(page, EXPIRE_AFTER + 2);
    await pageHeardNothing(page);
    assert.deepEqual([...states], ['active'], 'no warning, no end');
    assert.equal(await suite.sessionStatus(context), 200, 'the server kept it too');
    await context.close();
  }

  it('a same-origin frame: no element and no module in it, its typing keeps the session', () =>
    typingKeepsTheSession({ srcdoc: FIELD }));

  it('a cross-origin frame with the frame module: its typing keeps the session when frame-origins lists it', () =>
    typingKeepsTheSession({ src: `${otherOrigin}/framed` }, [otherOrigin]));

  it('a cross-origin frame whose origin is not listed: its typing does not count', async () => {
    const { context, page } = await suite.signedIn();
    await addReadyFrame(page, { src: `${otherOrigin}/framed` });
    const before = await typedInFrame(page);
    const states = await typeInFrame(page, WARN_AFTER + 2);
    await pageHeardNothing(page);
    assert.ok(states.has('warning'), `the warning opened (states: ${[...states]})`);
    const typed = await typedInFrame(page);
    assert.ok(typed > before, `the keys reached the frame (its field holds ${typed} characters): they were typed, and not counted`);
    await context.close();
  });
}, { webkit: true, oneAtATime: true });
