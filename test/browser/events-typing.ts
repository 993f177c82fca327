// Compiled by `npm run typecheck` only: the events are typed where apps listen to them (issue 14).
import '../../src/index.js';

document.addEventListener('session-timeout-expire', (event) => {
  const reason: 'idle' | 'absolute' | 'closed' | 'server' | 'logout' = event.reason;
  const kept: boolean = event.unsavedWork;
  void reason, kept;
});
window.addEventListener('session-timeout-warn', (event) => {
  const why: 'idle' | 'absolute' = event.reason;
  void why;
});
document.querySelector('session-timeout')?.addEventListener('session-timeout-resume', (event) => void event.remaining);
// The events of the last-tab issue: typed fields, on the element and on document alike.
document.addEventListener('session-timeout-tick', (event) => {
  const left: number = event.remaining;
  void left;
});
document.querySelector('session-timeout')?.addEventListener('session-timeout-leader', (event) => {
  const leads: boolean = event.leader;
  void leads;
});
window.addEventListener('session-timeout-ping', (event) => {
  const [remaining, expireAfter, warnAfter]: number[] = [event.remaining, event.expireAfter, event.warnAfter];
  void remaining, expireAfter, warnAfter;
});
