import 'session-timeout-element'

// The demo passes the reason on to its login page (the event bubbles: document hears it too):
document.addEventListener('session-timeout-expire', (event) => {
  if (event.reason === 'idle' || event.reason === 'absolute') {
    event.preventDefault();
    location.assign('/login?reason=' + event.reason);
  }
});
