/**
 * The demo application: a tiny signed-in app protected by the Hono handler, with the
 * `<session-timeout>` element on its page. `demo/server.ts` serves it; the end-to-end tests
 * start that server with short timeouts.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { detectFromQuery, languageDetector, type DetectorOptions } from 'hono/language';
import { sessionTimeout } from 'session-timeout-element/hono';
// The element's own way to say a duration (Intl, in the page's language), so the page and the warning say them alike.
import { durationInWords } from '../src/i18n/language.js';
import { demoLanguages, demoTexts, direction, fill, languageTag, toDemoLanguage, type DemoLanguage, type DemoTexts } from './i18n.js';

export interface DemoOptions {
  /** Seconds of inactivity before the warning opens. */
  warnAfter: number;
  /** Seconds of inactivity before the session ends. */
  expireAfter: number;
  /** Seconds from sign-in after which the session ends whatever the user does. */
  absoluteTimeout: number;
  /** Seconds a session lives with no open page showing it (presence, issue 23). Absent: off. */
  closeAfter?: number;
  /** The server's clock in milliseconds, for tests. Default: `Date.now`. */
  now?: () => number;
  /**
   * The element's `warn-after` / `expire-after` attributes when they should differ from the server's
   * (to try a page that disagrees: the element adopts the server's). Default: the server's.
   */
  page?: { warnAfter: number; expireAfter: number };
  /** Signs the session cookie. */
  secret: string;
  /** The built drop-in element, served to the page. */
  elementScript: URL;
}

/** The language of one request's page: its texts, and its address for the language switch. */
interface PageLanguage {
  language: DemoLanguage;
  t: DemoTexts;
  url: URL;
}

function pageLanguage(c: Context): PageLanguage {
  const language = c.get('language') as DemoLanguage;
  return { language, t: demoTexts[language], url: new URL(c.req.url) };
}

/** A duration in words in the page's language, as the element says it ("2 Minuten"). */
function inWords(seconds: number, { language }: PageLanguage): string {
  return durationInWords(seconds, languageTag(language));
}

/** Why `/login` was reached: only these fixed texts are ever shown, never the query value itself. */
function signedOutMessage(reason: string | undefined, expireAfter: number, view: PageLanguage): string | undefined {
  if (reason === 'idle') return fill(view.t.signedOutIdle, { duration: inWords(expireAfter, view) });
  if (reason === 'absolute') return view.t.signedOutAbsolute;
  if (reason === 'closed') return view.t.signedOutClosed;
  if (reason === 'logout') return view.t.signedOutLogout;
  if (reason === 'server') return view.t.signedOutServer;
  return undefined;
}

const styles = html`<style>
  :root { font-family: system-ui, sans-serif; color-scheme: light dark; }
  body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  label, textarea, input { display: block; width: 100%; box-sizing: border-box; }
  textarea { min-height: 10rem; }
  button, input[type=submit] { width: auto; margin-top: .75rem; padding: .4rem 1rem; font: inherit; }
  .notice { padding: .75rem 1rem; border-inline-start: .25rem solid #b45309; background: #fef3c7; color: #422006; }
  .error { color: #b91c1c; }
  header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
  .languages ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 2rem 0 0; padding: 0; list-style: none; }
  .languages [aria-current] { font-weight: bold; }
</style>`;

/** `<html lang dir>` tell the element (and screen readers) the page's language and direction. */
function page(view: PageLanguage, title: string, body: unknown) {
  return html`<!doctype html>
<html lang="${languageTag(view.language)}" dir="${direction(view.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  ${styles}
</head>
<body>${body}
  ${languageSwitch(view)}
</body>
</html>`;
}

/**
 * Reasons `/login` explains: the only query value ever carried into the page (its switch's links). `idle` and
 * `absolute` come from the server's redirect or the element's; `logout` from a sign-out (this tab's, whose
 * answer redirects there, or another tab's, told by the element); `server` from a ping the server refused;
 * `closed` from the server's redirect when presence is on and no page showed the session.
 */
const SIGN_OUT_REASONS = ['idle', 'absolute', 'closed', 'logout', 'server'];

/** The demo's icon, inline: a browser asks for one on every page, and a 404 there is a console error. */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#b45309"/><path d="M8 4v4l3 2" stroke="#fff" stroke-width="1.5" fill="none"/></svg>';

/** This page in each of the demo's languages (`?lang=`; a known sign-out reason kept, nothing else reflected). */
function languageSwitch({ language, t, url }: PageLanguage) {
  const reason = url.searchParams.get('reason');
  const link = (other: DemoLanguage) => {
    const query = new URLSearchParams({ lang: other });
    if (reason && SIGN_OUT_REASONS.includes(reason)) query.set('reason', reason);
    const tag = languageTag(other);
    return html`<li><a href="?${query.toString()}" lang="${tag}" hreflang="${tag}"${other === language ? html` aria-current="true"` : ''}>${demoTexts[other].name}</a></li>`;
  };
  return html`<nav class="languages" aria-label="${t.language}"><ul>${demoLanguages.map(link)}</ul></nav>`;
}

export function createDemoApp(options: DemoOptions) {
  const { warnAfter, expireAfter, absoluteTimeout, closeAfter, now, secret } = options;

  const timeout = sessionTimeout({
    warnAfter,
    expireAfter,
    absoluteTimeout,
    ...(closeAfter === undefined ? {} : { closeAfter }),
    ...(now === undefined ? {} : { now }),
    secret,
    // Navigations of an ended session land here with `reason=idle|absolute` appended.
    redirect: '/login',
    // Status polling must never keep an idle session alive.
    passive: ['/api/status'],
  });
  // Who is signed in under which session id: the demo's stand-in for an application's user table.
  const usernames = new Map<string, string>();

  const app = new Hono();

  // The drop-in and the modules it loads from beside it (locales, code only some pages need), from dist/.
  app.get('/assets/:path{.+\\.js}', (c) => {
    const path = c.req.param('path');
    if (!/^\w[\w./-]*\.js$/.test(path) || path.includes('..')) return c.notFound();
    let script: Buffer;
    try {
      script = readFileSync(new URL(path, options.elementScript));
    } catch {
      return c.notFound();
    }
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(script));
  });

  // The icon, under both names browsers ask for (the page links the SVG; some clients still try /favicon.ico).
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, (c) => {
      c.header('Content-Type', 'image/svg+xml');
      c.header('Cache-Control', 'max-age=86400');
      return c.body(FAVICON);
    });
  }

  // The page's language: `?lang=` (the switch), else the one chosen before, else the browser's
  // Accept-Language, else English. Only pages need one.
  const languageOptions: DetectorOptions = {
    order: ['querystring', 'cookie', 'header'],
    lookupQueryString: 'lang',
    lookupCookie: 'language',
    lookupFromHeaderKey: 'accept-language',
    lookupFromPathIndex: 0,
    caches: false,
    ignoreCase: true,
    supportedLanguages: demoLanguages,
    fallbackLanguage: 'en',
    convertDetectedLanguage: toDemoLanguage,
  };
  const detectLanguage = languageDetector(languageOptions);
  // Only a choice made with the switch is remembered, so the redirects to /login keep it; in a session
  // cookie, like the session's own: nothing of the demo outlives the browser.
  const rememberChosenLanguage: MiddlewareHandler = async (c, next) => {
    const chosen = detectFromQuery(c, languageOptions);
    if (chosen) setCookie(c, languageOptions.lookupCookie, chosen, { path: '/', sameSite: 'Lax', httpOnly: true });
    await next();
  };
  app.use('/login', detectLanguage, rememberChosenLanguage);
  app.use('/', detectLanguage, rememberChosenLanguage);

  app.get('/login', (c) => {
    const view = pageLanguage(c);
    return c.html(loginPage(view, signedOutMessage(c.req.query('reason'), expireAfter, view)));
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    if (!username) {
      const view = pageLanguage(c);
      return c.html(loginPage(view, undefined, view.t.usernameMissing), 400);
    }
    // The subject lets a page that kept unsaved work at the end resume when the same user signs in again.
    const id = await timeout.start(c, { subject: username });
    usernames.set(id, username);
    return c.redirect('/', 303);
  });

  // `all`, not `post`: any other method gets the protocol's 405 with `Allow: POST`, not a 404.
  app.all('/session/ping', timeout.ping);

  // Everything below needs a live session. The middleware fails closed (`required` defaults to true):
  // an ended or absent session never gets here; navigations get 303 to /login, fetches 401 JSON.
  // The ping needs no exemption: it is never counted as activity, in whatever order it is mounted.
  app.use('/', timeout.middleware);
  app.use('/api/*', timeout.middleware);
  app.use('/logout', timeout.middleware);

  app.post('/logout', async (c) => {
    const id = c.var.sessionTimeout.id;
    await timeout.end(c);
    if (id) usernames.delete(id);
    // The sign-in page says why: this answer, not the element's redirect-url, is where this tab goes.
    return c.redirect('/login?reason=logout', 303);
  });

  app.get('/', (c) => {
    const id = c.var.sessionTimeout.id;
    const username = id ? usernames.get(id) : undefined;
    if (!username) return c.redirect('/login', 303);
    // Back after sign-out must not show this page from the cache.
    c.header('Cache-Control', 'no-store');
    return c.html(homePage(pageLanguage(c), username, { warnAfter, expireAfter }, options.page ?? { warnAfter, expireAfter }));
  });

  app.get('/api/status', (c) => {
    c.header('Cache-Control', 'no-store');
    const state = c.var.sessionTimeout;
    if (!state.id) return c.json({ signedIn: false }, 401);
    return c.json({ signedIn: true, remaining: state.remaining, absoluteRemaining: state.absoluteRemaining });
  });

  return app;
}

function loginPage(view: PageLanguage, notice?: string, error?: string) {
  const { t } = view;
  return page(view, t.signIn, html`
  <main>
    <h1>${t.signIn}</h1>
    ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
    <form method="post" action="/login">
      <label for="username">${t.username}</label>
      <input id="username" name="username" autocomplete="username" required autofocus>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <input type="submit" value="${t.signIn}">
    </form>
  </main>`);
}

type Durations = { warnAfter: number; expireAfter: number };

/** How often the status button polls, in seconds. */
const POLL_EVERY = 5;

function homePage(view: PageLanguage, username: string, { warnAfter, expireAfter }: Durations, attributes: Durations) {
  const { t } = view;
  // The name isolated (<bdi>): a Latin name in an Arabic sentence, or the reverse, keeps its order.
  const [beforeName = '', afterName = ''] = t.hello.split('{name}');
  return page(view, t.account, html`
  <header>
    <h1>${beforeName}<bdi>${username}</bdi>${afterName}</h1>
    <form method="post" action="/logout"><button type="submit">${t.signOut}</button></form>
  </header>
  <main>
    <p>${fill(t.about, { expire: inWords(expireAfter, view), warn: inWords(expireAfter - warnAfter, view) })}</p>
    <label for="notes">${t.notes}</label>
    <textarea id="notes" name="notes"></textarea>
    <p><button type="button" id="poll" aria-pressed="false">${fill(t.poll, { interval: inWords(POLL_EVERY, view) })}</button>
       <output id="status" aria-live="off" data-signed-in="${t.statusIn}" data-signed-out="${t.statusOut}"></output></p>
    <p>${t.pollNote}</p>
  </main>
  <session-timeout warn-after="${attributes.warnAfter}" expire-after="${attributes.expireAfter}" ping-url="/session/ping"
                   redirect-url="/login" logout-url="/logout"></session-timeout>
  <script type="module" src="/assets/session-timeout.min.js"></script>
  <script type="module">
    import { passiveFetch } from '/assets/session-timeout.min.js';
    // The login page says why the session ended: the element goes to its redirect-url after this listener, so
    // the reason is put into it (idle, absolute, closed, server, or logout when another tab signed out). Nothing is
    // cancelled: a sign-out of this tab posts its form, whose answer goes to /login?reason=logout. Not when the
    // page keeps unsaved work: the element then hides it until the same user signs in again.
    document.querySelector('session-timeout').addEventListener('session-timeout-expire', (event) => {
      if (!event.unsavedWork) event.target.redirectUrl = '/login?reason=' + event.reason;
    });
    const button = document.getElementById('poll');
    const output = document.getElementById('status');
    const seconds = new Intl.NumberFormat(document.documentElement.lang, { style: 'unit', unit: 'second', unitDisplay: 'long' });
    let timer;
    async function poll() {
      // A passive request (X-Session-Passive: 1): the server answers but does not count it as activity.
      const response = await passiveFetch('/api/status');
      const body = await response.json().catch(() => ({}));
      output.textContent = body.signedIn
        ? output.dataset.signedIn.replace('{remaining}', seconds.format(Math.round(body.remaining)))
        : output.dataset.signedOut;
    }
    button.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      clearInterval(timer);
      if (on) { poll(); timer = setInterval(poll, ${POLL_EVERY * 1000}); }
    });
  </script>`);
}
