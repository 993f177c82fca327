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
