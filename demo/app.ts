/**
 * The demo application: a tiny signed-in app protected by the Hono handler, with the
 * `<session-timeout>` element on its page. `demo/server.ts` serves it; the end-to-end tests
 * start that server with short timeouts.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { sessionTimeout } from 'session-timeout-element/hono';
// The element's own wording, so the page and the warning say durations alike.
import { spokenDuration } from '../src/duration.js';

export interface DemoOptions {
  /** Seconds of inactivity before the warning opens. */
  warnAfter: number;
  /** Seconds of inactivity before the session ends. */
  expireAfter: number;
  /** Seconds from sign-in after which the session ends whatever the user does. */
  absoluteTimeout: number;
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

/** Why `/login` was reached: only these fixed texts are ever shown, never the query value itself. */
function signedOutMessage(reason: string | undefined, expireAfter: number): string | undefined {
  if (reason === 'idle') {
    return `You were signed out after ${spokenDuration(expireAfter)} of inactivity.`;
  }
  if (reason === 'absolute') return 'Your session reached its maximum length. Please sign in again.';
  return undefined;
}

const styles = html`<style>
  :root { font-family: system-ui, sans-serif; color-scheme: light dark; }
  body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  label, textarea, input { display: block; width: 100%; box-sizing: border-box; }
  textarea { min-height: 10rem; }
  button, input[type=submit] { width: auto; margin-top: .75rem; padding: .4rem 1rem; font: inherit; }
  .notice { padding: .75rem 1rem; border-left: .25rem solid #b45309; background: #fef3c7; color: #422006; }
  .error { color: #b91c1c; }
  header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
</style>`;

function page(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  ${styles}
</head>
<body>${body}</body>
</html>`;
}

export function createDemoApp(options: DemoOptions) {
  const { warnAfter, expireAfter, absoluteTimeout, secret } = options;

  const timeout = sessionTimeout({
    warnAfter,
    expireAfter,
    absoluteTimeout,
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

  app.get('/login', (c) => {
    const notice = signedOutMessage(c.req.query('reason'), expireAfter);
    return c.html(loginPage(notice));
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    if (!username) return c.html(loginPage(undefined, 'Please enter a username.'), 400);
    // The subject lets a page that kept unsaved work at the end resume when the same user signs in again.
    const id = await timeout.start(c, { subject: username });
    usernames.set(id, username);
    return c.redirect('/', 303);
  });

  app.post('/session/ping', timeout.ping);

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
    return c.redirect('/login', 303);
  });

  app.get('/', (c) => {
    const id = c.var.sessionTimeout.id;
    const username = id ? usernames.get(id) : undefined;
    if (!username) return c.redirect('/login', 303);
    // Back after sign-out must not show this page from the cache.
    c.header('Cache-Control', 'no-store');
    return c.html(homePage(username, { warnAfter, expireAfter }, options.page ?? { warnAfter, expireAfter }));
  });

  app.get('/api/status', (c) => {
    c.header('Cache-Control', 'no-store');
    const state = c.var.sessionTimeout;
    if (!state.id) return c.json({ signedIn: false }, 401);
    return c.json({ signedIn: true, remaining: state.remaining, absoluteRemaining: state.absoluteRemaining });
  });

  return app;
}

function loginPage(notice?: string, error?: string) {
  return page('Sign in', html`
  <main>
    <h1>Sign in</h1>
    ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
    <form method="post" action="/login">
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required autofocus>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <input type="submit" value="Sign in">
    </form>
  </main>`);
}

type Durations = { warnAfter: number; expireAfter: number };

function homePage(username: string, { warnAfter, expireAfter }: Durations, attributes: Durations) {
  return page('Your account', html`
  <header>
    <h1>Hello, ${username}</h1>
    <form method="post" action="/logout"><button type="submit">Sign out</button></form>
  </header>
  <main>
    <p>This session ends after ${spokenDuration(expireAfter)} without activity; a warning appears
       ${spokenDuration(expireAfter - warnAfter)} before. Typing below is activity, even though it sends nothing
       to the server.</p>
    <label for="notes">Long client-side work: type here, walk away, and sign in again after the end: it is still here</label>
    <textarea id="notes" name="notes"></textarea>
    <p><button type="button" id="poll" aria-pressed="false">Poll status every 5 s</button>
       <output id="status" aria-live="off"></output></p>
    <p>Polling uses passive requests: they read the session without extending it, so a dashboard left open
       still signs out when nobody is there.</p>
  </main>
  <session-timeout warn-after="${attributes.warnAfter}" expire-after="${attributes.expireAfter}" ping-url="/session/ping"
                   redirect-url="/login" logout-url="/logout"></session-timeout>
  <script type="module" src="/assets/session-timeout.min.js"></script>
  <script type="module">
    import { passiveFetch } from '/assets/session-timeout.min.js';
    // The login page can say why the session ended: pass the reason along instead of the plain redirect.
    // Not when the page keeps unsaved work: the element then hides it until the same user signs in again.
    document.querySelector('session-timeout').addEventListener('session-timeout-expire', (event) => {
      if (!event.unsavedWork && (event.reason === 'idle' || event.reason === 'absolute')) {
        event.preventDefault();
        location.assign('/login?reason=' + event.reason);
      }
    });
    const button = document.getElementById('poll');
    const output = document.getElementById('status');
    let timer;
    async function poll() {
      // A passive request (X-Session-Passive: 1): the server answers but does not count it as activity.
      const response = await passiveFetch('/api/status');
      const body = await response.json().catch(() => ({}));
      output.textContent = body.signedIn
        ? 'Signed in; the server ends this session in ' + Math.round(body.remaining) + ' s without activity.'
        : 'Signed out.';
    }
    button.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      clearInterval(timer);
      if (on) { poll(); timer = setInterval(poll, 5000); }
    });
  </script>`);
}
