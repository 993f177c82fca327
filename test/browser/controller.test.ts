import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { SessionTimeoutController, type SessionTimeoutOptions } from '../../src/controller.js';
import { FakeTime } from './fake-time.js';
import { fakeEndpoint } from './fake-endpoint.js';

const S = 1000;

/** Any Lit component can host the controller; this one records what it is told. */
class TestHost extends LitElement {
  log: string[] = [];
  errors: Array<{ error: Error; status: number }> = [];
  updates = 0;
  session!: SessionTimeoutController;
  time = new FakeTime();

  setup(options: SessionTimeoutOptions) {
    this.session = new SessionTimeoutController(this, {
      warnAfter: 60,
      expireAfter: 90,
      now: this.time.clock,
      scheduler: this.time,
      onWarn: (remaining) => this.log.push(`warn ${remaining}`),
      onExtend: (remaining, source) => this.log.push(`extend ${remaining} ${source}`),
      onExpire: (reason) => this.log.push(`expire ${reason}`),
      onError: (error, status) => this.errors.push({ error, status }),
      ...options,
    });
    return this;
  }

  override updated() {
    this.updates++;
  }

  override render() {
    return html`${this.session?.state}`;
  }
}
customElements.define('test-session-host', TestHost);

async function mount(options: SessionTimeoutOptions = {}) {
  const host = document.createElement('test-session-host') as TestHost;
  host.setup(options);
  return fixture<TestHost>(html`<div>${host}</div>`).then((div) => div.firstElementChild as TestHost);
}

describe('SessionTimeoutController', () => {
  it('starts when the host connects and stops everything when it disconnects', async () => {
    const host = await mount();
    expect(host.session.state).to.equal('active');
    expect(host.time.pending, 'one timer, for the warning').to.equal(1);
    host.remove();
    expect(host.time.pending).to.equal(0);
    host.time.advance(3600 * S);
    expect(host.log).to.deep.equal([]);
  });

  it('asks the host to render on state changes, not while the user is active', async () => {
    const host = await mount();
    await host.updateComplete;
    const before = host.updates;
    host.time.advance(59 * S);
    await host.updateComplete;
    expect(host.updates).to.equal(before);
    host.time.advance(S);
    await host.updateComplete;
    expect(host.shadowRoot!.textContent).to.include('warning');
    expect(host.log).to.deep.equal(['warn 30']);
  });

  it('client-only: warns, expires, extends and holds without any network', async () => {
    const host = await mount();
    host.time.advance(61 * S);
    host.session.extend();
    expect(host.session.state).to.equal('active');
    const release = host.session.hold();
    host.time.advance(3600 * S);
    expect(host.session.state).to.equal('active');
    release();
    host.time.advance(90 * S);
    expect(host.session.state).to.equal('expired');
    expect(host.log).to.deep.equal(['warn 30', 'extend 90 user', 'warn 30', 'expire idle']);
  });

  it('with a ping URL, confirms before warning and follows the server’s remaining time', async () => {
    const endpoint = fakeEndpoint('respond=alive&remaining=80&expireAfter=90');
    const host = await mount({ pingUrl: endpoint.url });
    host.time.advance(60 * S);
    await waitUntil(() => host.log.length > 0 || host.session.engine!.expireAt - host.time.now > 30 * S);
    expect(host.session.state, 'another tab was active: no warning').to.equal('active');
    expect(host.session.remaining).to.equal(80);
    const requests = await endpoint.requests();
    expect(requests).to.have.length(1);
    expect(requests[0]!.body).to.deep.equal({ idle: 60 });
  });

  it('confirms before expiring; a 401 ends the session with the server’s reason', async () => {
    const endpoint = fakeEndpoint();
    await endpoint.script([{ respond: 'alive', remaining: 30, expireAfter: 90 }, { respond: 'expired', reason: 'idle' }]);
    const host = await mount({ pingUrl: endpoint.url });
    host.time.advance(60 * S);
    await waitUntil(() => host.session.state === 'warning');
    host.time.advance(30 * S);
    await waitUntil(() => host.session.state === 'expired');
    expect(host.log).to.deep.equal(['warn 30', 'expire idle']);
    expect(await endpoint.requests()).to.have.length(2);
  });

  it('extend() pings {"idle": 0}', async () => {
    const endpoint = fakeEndpoint('respond=alive&remaining=90&expireAfter=90');
    const host = await mount({ pingUrl: endpoint.url });
    host.session.extend();
    await waitUntil(async () => (await endpoint.requests()).length === 1);
    expect((await endpoint.requests())[0]!.body).to.deep.equal({ idle: 0 });
  });

  it('a 401 answer to extend ends the session', async () => {
    const endpoint = fakeEndpoint('respond=expired&reason=absolute');
    const host = await mount({ pingUrl: endpoint.url });
    host.session.extend();
    await waitUntil(() => host.session.state === 'expired');
    expect(host.log.at(-1)).to.equal('expire absolute');
  });

  for (const respond of ['error', 'drop', 'unavailable']) {
    it(`a failed ping (${respond}) reports an error and the countdown goes on locally`, async () => {
      const endpoint = fakeEndpoint(`respond=${respond}`);
      const host = await mount({ pingUrl: endpoint.url });
      host.time.advance(60 * S);
      await waitUntil(() => host.session.state === 'warning');
      expect(host.errors).to.have.length(1);
      expect(host.errors[0]!.status).to.equal(respond === 'error' ? 500 : respond === 'drop' ? 0 : 503);
      host.time.advance(30 * S);
      await waitUntil(() => host.session.state === 'expired');
      expect(host.log.at(-1), 'ended locally, as the deadline passed').to.equal('expire idle');
    });
  }

  it('disabled: no listeners, no timers, no pings; enabling starts afresh', async () => {
    const endpoint = fakeEndpoint();
    const host = await mount({ pingUrl: endpoint.url, disabled: true });
    expect(host.time.pending).to.equal(0);
    expect(host.session.engine).to.equal(null);
    host.session.extend();
    host.time.advance(3600 * S);
    expect(host.session.state).to.equal('active');
    host.session.configure({ disabled: false });
    expect(host.time.pending).to.equal(1);
    expect(host.session.engine!.warnAt - host.time.now).to.equal(60 * S);
    host.session.configure({ disabled: true });
    expect(host.time.pending).to.equal(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await endpoint.requests()).to.have.length(0);
  });

  it('moving the host in the DOM keeps the session (an expired one stays expired)', async () => {
    const host = await mount();
    host.session.expire('logout');
    const parent = host.parentElement!;
    host.remove();
    parent.append(host);
    expect(host.session.state).to.equal('expired');
    expect(host.time.pending).to.equal(0);
  });
});
