// Plain TypeScript with a bundler (Vite, esbuild, Rollup): importing the package registers
// <session-timeout> and types it everywhere: querySelector, createElement, and listeners on the
// element, on document and on window.
import 'session-timeout-element';
import 'session-timeout-element/locales/de.js'; // the German texts, for <html lang="de"> pages
import { passiveFetch } from 'session-timeout-element/passive-fetch.js';

const timeout = document.querySelector('session-timeout');
if (timeout) {
  timeout.pingRequest = { headers: { 'X-CSRF-Token': 'token' } };
  timeout.addEventListener('session-timeout-warn', (event) => console.log(`${event.remaining} s left`));
}

document.addEventListener('session-timeout-expire', (event) => {
  if (event.reason === 'idle' || event.reason === 'absolute') {
    event.preventDefault();
    location.assign(`/login?reason=${event.reason}`);
  }
});
window.addEventListener('session-timeout-error', (event) => console.warn(event.status, event.error));

const created = document.createElement('session-timeout');
created.warnAfter = 840;
created.expireAfter = 900;
document.body.append(created);

// Polling that must not keep an idle session alive.
setInterval(() => void passiveFetch('/api/notifications'), 30_000);

// The typings catch mistakes; each line below must stay an error.
// @ts-expect-error durations are numbers (seconds) on the property
created.warnAfter = '840';
// @ts-expect-error the expire event has a `reason`, not a `remaining`
document.addEventListener('session-timeout-expire', (event) => event.remaining);
// @ts-expect-error `state` is read-only
created.state = 'active';
