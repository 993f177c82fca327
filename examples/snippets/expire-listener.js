import 'session-timeout-element';

// The sign-in page can say why the session ended. The element goes to its redirect-url once the listeners ran, so
// put the reason in it (cancelling and navigating yourself would race a sign-out form of this tab, which must post).
const element = document.querySelector('session-timeout');
element?.addEventListener('session-timeout-expire', (event) => {
  if (!event.unsavedWork) element.redirectUrl = '/login?reason=' + event.reason;
});
