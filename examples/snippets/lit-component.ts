import { LitElement, html } from 'lit';
import { SessionTimeoutController } from 'session-timeout-element/controller.js';

class MyApp extends LitElement {
  #session = new SessionTimeoutController(this, {
    warnAfter: 840, expireAfter: 900, pingUrl: '/session/ping',
    onExpire: (reason) => location.assign(`/login?reason=${reason}`),
  });
  override render() {
    return this.#session.state === 'warning'
      ? html`Signing out in ${Math.ceil(this.#session.remaining)} s <button @click=${() => this.#session.extend()}>Stay</button>`
      : html`<slot></slot>`;
  }
}
customElements.define('my-app', MyApp);
