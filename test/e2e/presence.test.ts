/**
 * Close the last tab and the session ends (presence): the demo with CLOSE_AFTER = 4 s, so the leader
 * tab pings every 1.33 s, also while the user is idle; a closing tab's beacon shortens presence to the
 * grace (here closeAfter itself: the server's 5 s or closeAfter if shorter). Warning after 6 s, end
 * after 10 s of inactivity. A test at a time: the first types, and a window opened beside it can take
 * its keyboard focus (requirements.test.ts).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { BrowserContext, Page } from 'puppeteer-core';
import { clickToType, cookiesFor, describeInBrowsers, elementState, newTab, sleep, waitForURL } from './harness.js';
import { urlOf } from './webdriver.js';

const CLOSE_AFTER = 4;
const WARN_AFTER = 6;
const EXPIRE_AFTER = 10;

describeInBrowsers('close the last tab, the session ends', { warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER, closeAfter: CLOSE_AFTER }, (suite) => {
  /** Another tab of the context on the protected page. */
  async function openAnother(context: BrowserContext): Promise<Page> {
    const page = await newTab(context);
    await page.goto(`${suite.demo.origin}/`);
    await page.waitForFunction(() => customElements.get('session-timeout') !== undefined);
    return page;
  }

  /**
   * The context's session cookie, read while a page of the session is open (WebDriver classic reads
   * cookies through the page only).
   */
  async function sessionCookie(context: BrowserContext): Promise<string> {
    return (await cookiesFor(context, suite.demo.origin)).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** The status and reason of a guarded request that is not a navigation (passive), made with `cookie` from Node. */
  async function apiStatus(cookie: string): Promise<{ status: number; reason?: string }> {
    const response = await fetch(`${suite.demo.origin}/api/status`, { headers: { Cookie: cookie, 'X-Session-Passive': '1' } });
    const body = (await response.json().catch(() => ({}))) as { reason?: string };
    return { status: response.status, reason: body.reason };
  }

  // One story, so that the file signs in twice per engine (each sign-in and tab costs seconds on a loaded machine).
  // Where it fails, the assertion's message says which step.
  it('reload the only tab, then two tabs, close one: it lives past closeAfter; close the last: refused with closed', async () => {
    const { context, page: first } = await suite.signedIn();
    const wait = () => sleep((CLOSE_AFTER + 1) * 1000);
    const cookie = await sessionCookie(context);
    await first.reload();
    await first.waitForFunction(() => customElements.get('session-timeout') !== undefined);

    // Input now and then: the story outlasts the idle limit. (The keep-alive pings it causes are presence
    // too; after the last tab closed, the check still comes more than closeAfter after the last of them.)
    const type = async () => { await clickToType(first, '#notes'); await first.keyboard.type('a'); };
    await type();
    const second = await openAnother(context);
    const spare = await newTab(context); // no page of the session: the context (its cookie) stays when the last one closes
    // A tab closed before it heard a server answer (its own ping's or another tab's, passed on) does not
    // know presence is on, and sends no beacon: the next answer the first tab gets (every 1.33 s) is passed on.
    await sleep(1500);
    // Chromium reports what a closing page logs (its network events may be cut off by the close, and
    // Firefox's WebDriver BiDi reports neither): with `debug`, the element says it queued the beacon.
    const beacon: boolean[] = [];
    if (suite.engine == 'chromium') {
      await second.evaluate(() => { (document.querySelector('session-timeout') as HTMLElement & { debug: boolean }).debug = true; });
      second.on('console', (message) => {
        if (message.text().includes('closing beacon')) beacon.push(message.args()[1]?.remoteObject().preview?.properties[0]?.value === 'true');
      });
    }
    await type();
    await second.close();
    // Half way, input again: input behind the first tab's own open warning (at warn-after, 6 s) would not count.
    await sleep(((CLOSE_AFTER + 1) * 1000) / 2);
    await type();
    await sleep(((CLOSE_AFTER + 1) * 1000) / 2);
    // The reload's beacon and the closed tab's each left a grace of closeAfter, long past: the pages kept it.
    assert.deepEqual(await apiStatus(cookie), { status: 200, reason: undefined }, 'alive after a reload and one tab of two closed');
    assert.equal(await urlOf(first), `${suite.demo.origin}/`);
    assert.notEqual(await elementState(first), 'expired');
    if (suite.engine == 'chromium') assert.deepEqual(beacon, [true], 'the closing tab queued its beacon');

    await type();
    await first.close();
    await wait();
    assert.deepEqual(await apiStatus(cookie), { status: 401, reason: 'closed' }, 'the last one closed');
    await spare.goto(`${suite.demo.origin}/`);
    await waitForURL(spare, `${suite.demo.origin}/login?reason=closed`);
    await context.close();
  });

  it('an idle open tab keeps presence, and still ends at expireAfter with reason idle', async () => {
    const { context, page } = await suite.signedIn();
    const signedInAt = Date.now();
    const leftAt = await waitForURL(page, /\/login\?reason=/, { timeout: (EXPIRE_AFTER + 8) * 1000 });
    const seconds = (leftAt - signedInAt) / 1000;
    assert.equal(await urlOf(page), `${suite.demo.origin}/login?reason=idle`, 'idle, not closed: presence was kept');
    assert.ok(seconds >= EXPIRE_AFTER - 2 && seconds <= EXPIRE_AFTER + 5,
      `ended after ${seconds} s: at expireAfter, presence pings never extended it`);
    await context.close();
  });
}, { webkit: true, oneAtATime: true });
