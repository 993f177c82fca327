import 'session-timeout-element';

const element = document.querySelector('session-timeout');
// The time left in the app's own header, each second while the warning is open.
const badge = document.querySelector('#time-left');
element?.addEventListener('session-timeout-tick', (event) => {
  if (badge) badge.textContent = `${Math.ceil(event.remaining)} s left`;
});
// What the server said, in whichever tab this page is.
element?.addEventListener('session-timeout-ping', (event) => {
  console.debug(`server: ${event.remaining} s left of ${event.expireAfter}`);
});
// How long the user has been idle in every tab of the browser, when the app asks.
setInterval(() => console.debug(`idle ${Math.round(element?.idleFor ?? 0)} s, leader: ${element?.leader}`), 60_000);
