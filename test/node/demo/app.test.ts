// The demo tells the truth (issue 22): the sign-in page says why a session ended, whichever way it ended (idle,
// absolute, a sign-out in this tab or another, the server's word); a normal page view asks for nothing that
// fails (the favicon); the sign-in field is labelled, autocompletes the username and has the focus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDemoApp } from '../../../demo/app.js';

const secret = 'a demo secret of thirty-two bytes!';
const app = createDemoApp({
  warnAfter: 30,
  expireAfter: 120,
  absoluteTimeout: 600,
  secret,
  elementScript: new URL('../../../dist/session-timeout.min.js', import.meta.url),
});

const noticeOf = (body: string) => body.match(/<p class="notice"[^>]*>([^<]*)/)?.[1];

async function signIn(username = 'ada'): Promise<string> {
  const response = await app.request('/login', { method: 'POST', body: new URLSearchParams({ username }) });
  assert.equal(response.status, 303);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie, 'a session cookie');
  return cookie;
}

describe('the demo says why the session ended', () => {
  it('a sign-out (the page\'s button, or "Sign out now") lands on a sign-in page that says so', async () => {
    const cookie = await signIn();
    const response = await app.request('/logout', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(response.status, 303);
    const location = response.headers.get('location');
    assert.equal(location, '/login?reason=logout');
    assert.equal(noticeOf(await (await app.request(location)).text()), 'You signed out, in this tab or another one.');
  });

  it('each reason the element reports has its own words; anything else shows none', async () => {
    const notices = Object.fromEntries(await Promise.all(['idle', 'absolute', 'logout', 'server', 'missing', '<script>'].map(async (reason) =>
      [reason, noticeOf(await (await app.request(`/login?reason=${encodeURIComponent(reason)}`)).text())] as const)));
    assert.deepEqual(notices, {
      idle: 'You were signed out after 2 minutes of inactivity.',
      absolute: 'Your session reached its maximum length. Please sign in again.',
      logout: 'You signed out, in this tab or another one.',
      server: 'The server ended your session (a sign-out elsewhere, or its time ran out). Please sign in again.',
      missing: undefined,
      '<script>': undefined,
    });
  });

  it('a session whose pages were all closed (closeAfter, issue 23) lands on a sign-in page that says so', async () => {
    let now = Date.UTC(2025, 0, 1);
    const presence = createDemoApp({
      warnAfter: 30, expireAfter: 120, absoluteTimeout: 600, closeAfter: 20, secret, now: () => now,
      elementScript: new URL('../../../dist/session-timeout.min.js', import.meta.url),
    });
    const signedIn = await presence.request('/login', { method: 'POST', body: new URLSearchParams({ username: 'ada' }) });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    now += 21_000;
    const page = await presence.request('/', { headers: { Cookie: cookie, 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(page.status, 303);
    const location = page.headers.get('location')!;
    assert.equal(location, '/login?reason=closed');
    assert.equal(noticeOf(await (await presence.request(location)).text()), 'Your session ended because its pages were closed.');
    const german = await (await presence.request('/login?reason=closed&lang=de')).text();
    assert.equal(noticeOf(german), 'Ihre Sitzung wurde beendet, weil ihre Seiten geschlossen wurden.');
  });

  it('takes the element\'s closing beacon as a browser sends it (text/plain, no-cors): the grace, then closed; refuses one from another site', async () => {
    let now = Date.UTC(2025, 0, 1);
    const presence = createDemoApp({
      warnAfter: 30, expireAfter: 120, absoluteTimeout: 600, closeAfter: 20, secret, now: () => now,
      elementScript: new URL('../../../dist/session-timeout.min.js', import.meta.url),
    });
    const session = async () => {
      const signedIn = await presence.request('/login', { method: 'POST', body: new URLSearchParams({ username: 'ada' }) });
      return signedIn.headers.get('set-cookie')!.split(';')[0]!;
    };
    // What navigator.sendBeacon(pingUrl, JSON.stringify({ idle, closing: true })) sends from the demo's page.
    const beacon = (cookie: string, site: 'same-origin' | 'cross-site') => presence.request('/session/ping', {
      method: 'POST',
      headers: {
        Cookie: cookie, 'Content-Type': 'text/plain;charset=UTF-8', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'empty',
        'Sec-Fetch-Site': site, Origin: site == 'same-origin' ? 'http://localhost' : 'https://evil.example',
      },
      body: JSON.stringify({ idle: 2.5, closing: true }),
    });
    const status = async (cookie: string) => {
      const response = await presence.request('/api/status', { headers: { Cookie: cookie, 'X-Session-Passive': '1' } });
      return [response.status, ((await response.json()) as { reason?: string }).reason];
    };
    const closed = await session();
    const refused = await session();
    assert.equal((await beacon(closed, 'same-origin')).status, 200);
    assert.equal((await beacon(refused, 'cross-site')).status, 403);
    now += 6_000; // past the 5 s grace, well inside closeAfter
    assert.deepEqual(await status(closed), [401, 'closed']);
    assert.deepEqual(await status(refused), [200, undefined], 'the refused beacon shortened nothing');
  });

  it('the language switch keeps a sign-out reason', async () => {
    const body = await (await app.request('/login?reason=logout')).text();
    assert.match(body, /href="\?lang=de&amp;reason=logout"|href="\?lang=de&reason=logout"/);
  });

  it('the signed-in page passes every reason on to the sign-in page through the element\'s redirect-url', async () => {
    const cookie = await signIn();
    const body = await (await app.request('/', { headers: { Cookie: cookie } })).text();
    assert.match(body, /redirect-url="\/login"/);
    assert.match(body, /event\.target\.redirectUrl = '\/login\?reason=' \+ event\.reason/);
    assert.doesNotMatch(body, /preventDefault\(\)/, 'nothing cancelled: a sign-out form of this tab must still post');
  });
});

describe('a page view asks for nothing that fails', () => {
  it('every page links an icon that is served, and /favicon.ico answers too', async () => {
    for (const page of ['/login', '/login?lang=ar']) assert.match(await (await app.request(page)).text(), /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml">/);
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const response = await app.request(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), 'image/svg+xml');
      assert.match(await response.text(), /^<svg /);
    }
  });
});

describe('the sign-in form', () => {
  it('has a labelled username field that autocompletes, is required and has the focus', async () => {
    const body = await (await app.request('/login')).text();
    const input = body.match(/<input id="username"[^>]*>/)?.[0] ?? '';
    assert.match(body, /<label for="username">Username<\/label>/);
    for (const attribute of ['name="username"', 'autocomplete="username"', 'required', 'autofocus']) assert.ok(input.includes(attribute), `${attribute} in ${input}`);
  });
});
