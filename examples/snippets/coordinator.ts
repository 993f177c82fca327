import { SessionCoordinator } from 'session-timeout-element';

// Any view layer (here, plain DOM): the coordinator runs the session and says when to render.
const banner = document.querySelector<HTMLElement>('#session-banner')!;
const session = new SessionCoordinator({
  warnAfter: 840, expireAfter: 900, pingUrl: '/session/ping',
  onChange: () => {
    banner.hidden = session.state !== 'warning';
    banner.textContent = `Signing out in ${Math.ceil(session.remaining)} s`;
  },
  onExpire: (reason) => location.assign(`/login?reason=${reason}`),
});
session.connect();                                   // session.disconnect() stops everything
banner.addEventListener('click', () => session.extend());
