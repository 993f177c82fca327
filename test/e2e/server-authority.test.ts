/**
 * What the server enforces whatever the page does: passive polling never keeps a session alive,
 * the absolute limit ends a busy session, a cross-site page cannot ping, and a manual sign-out is
 * neither reported as inactivity nor reversible with Back.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { count, describeInBrowsers, requestWithCookies, sleep, staySignedIn, textOf, waitForURL } from './harness.js';

const WARN_AFTER = 2;
const EXPIRE_AFTER = 4;
const ABSOLUTE_TIMEOUT = 6;

describeInBrowsers('the server is the authority', { warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER, absoluteTimeout: ABSOLUTE_TIMEOUT }, (suite) => {
  it('polling a passive endpoint does not keep an idle session alive', async () => {
    const { context, page } = await suite.signedIn();
    await page.close();
    // Poll every half second, both by the passive path and with the passive header on a normal path.
    const until = Date.now() + (EXPIRE_AFTER + 0.5) * 1000;
    const statuses: number[] = [];
    while (Date.now() < until) {
      statuses.push((await requestWithCookies(context, `${suite.demo.origin}/api/status`)).status());
      statuses.push(await suite.sessionStatus(context));
      await sleep(500);
    }
    assert.equal(statuses[0], 200, 'alive at first');
    assert.equal(statuses.at(-1), 401, `ended despite the polling: ${statuses.join(' ')}`);
    await context.close();
  });

  it('the absolute limit ends a session that is kept busy', async () => {
    // Taken before signing in: the session (and its absolute limit) starts somewhere inside signedIn(),
    // which on a loaded machine can take seconds, so a clock started after it reads too short.
    const signedInAt = Date.now();
    const { context, page } = await suite.signedIn();
    await page.close(); // only the requests below keep the session busy
    const giveUpAt = Date.now() + (ABSOLUTE_TIMEOUT + 3) * 1000;
    let endedAt = 0;
    let location = '';
    while (Date.now() < giveUpAt) {
      // Real activity: a non-passive navigation every 700 ms keeps the idle deadline far away.
      const response = await requestWithCookies(context, `${suite.demo.origin}/`, { Accept: 'text/html' });
      if (response.status() === 303) {
        endedAt = Date.now();
        location = response.headers().location ?? '';
        break;
      }
      await sleep(700);
    }
    assert.ok(endedAt, 'the busy session ended');
    assert.ok(endedAt - signedInAt >= (ABSOLUTE_TIMEOUT - 0.5) * 1000, 'not before the absolute limit');
    assert.equal(location, '/login?reason=absolute');
    const loginPage = await context.newPage();
    await loginPage.goto(`${suite.demo.origin}${location}`);
    assert.match((await textOf(loginPage, '.notice')) ?? '', /maximum length/);
    await context.close();
  });

  it('a cross-site page posting to the ping endpoint is refused and extends nothing', async () => {
    // Another origin on the same machine: same site for cookies (ports don't count), so the
    // browser sends the session cookie, and only the Origin check stands between it and a ping.
    const attacker: Server = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html');
      // The form posts into a frame, so the page (and its scripts below) stay on the attacker's origin.
      response.end(`<!doctype html><iframe name="sink"></iframe>
        <form method="post" action="${suite.demo.origin}/session/ping" enctype="text/plain" target="sink">
        <input name='{"idle":0,"x":"' value='"}'></form><script>document.forms[0].submit()</script>`);
    });
    attacker.listen(0, '127.0.0.1');
    await once(attacker, 'listening');
    const attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    try {
      const { context, page } = await suite.signedIn();
      const [response] = await Promise.all([
        // The attacker's form post (a navigation of its frame), not the demo page's own start-up ping
        // (a fetch) that may still be in flight. (BiDi gives no request bodies to read.)
        page.waitForResponse((r) => r.url() == `${suite.demo.origin}/session/ping` && r.request().isNavigationRequest()),
        page.goto(attackerOrigin),
      ]);
      assert.equal(response.status(), 403);
      assert.equal(response.headers()['cache-control'], 'no-store');

      // Scripts on that origin keep "pinging" until after the deadline: none of it counts.
      const signedInAt = Date.now();
      while (Date.now() - signedInAt < (EXPIRE_AFTER - 1) * 1000) {
        await page.evaluate((url: string) => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include',
                                                   body: '{"idle":0}' }).catch(() => undefined), `${suite.demo.origin}/session/ping`);
        await sleep(500);
      }
      await sleep(1500);
      assert.equal(await suite.sessionStatus(context), 401, 'the session ended on time: no cross-site ping extended it');
      await context.close();
    } finally {
      attacker.close();
    }
  });

  // Chromium keeps even no-store pages in its back/forward cache: the element hides an ended page as it
  // goes there, and sends it away again when Back restores it.
  it('a manual sign-out is not reported as inactivity, and Back shows nothing private', async () => {
    const { context, page } = await suite.signedIn({ username: 'grace' });
    assert.equal(await staySignedIn(page), 'active', 'signed in, to sign out');
    await page.click('header button[type=submit]');
    await waitForURL(page, `${suite.demo.origin}/login?reason=logout`);
    assert.equal(await textOf(page, '.notice'), 'You signed out, in this tab or another one.', 'a sign-out, not inactivity');
    // The restored page leaves again at once (hidden meanwhile: the element's own test checks that).
    await page.goBack();
    await waitForURL(page, /\/login/);
    assert.doesNotMatch((await page.content()), /Hello, grace/);
    await context.close();
  });

  it('the login page never reflects the reason parameter', async () => {
    const context = await suite.browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${suite.demo.origin}/login?reason=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    assert.equal(await count(page, 'img'), 0);
    assert.doesNotMatch(await page.content(), /onerror/);
    await context.close();
  });
}, {
  webkit: {
    unsupported: 'what the server enforces whatever the engine; and three of its five tests need what WebDriver classic ' +
      'lacks: the cookies of a closed page (it reads cookies only through an open one) and network responses',
  },
});
