import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { SessionTimeoutController, type SessionTimeoutOptions } from '../../src/controller.js';
import { ASK_TABS_WAIT } from '../../src/session/coordinator.js';
import { CLOSING_ANSWER_DELAY } from '../../src/session/presence.js';
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
      onResumeRefused: () => this.log.push('leave'),
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

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Resolves once some tab holds the leader lock of `endpoint`'s channel (how long that takes varies by engine and load). */
const leaderElected = (endpoint: ReturnType<typeof fakeEndpoint>) =>
  waitUntil(async () => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name?.includes(endpoint.url.split('?')[0]!)),
    'a leader tab', { timeout: 5000 });

/**
 * A tab that has asked around at start-up (no other tab answered, so it pinged once after
 * ASK_TABS_WAIT) and got its answer; the endpoint then forgets that ping, so a test counts only
 * what follows.
 */
async function mountStarted(endpoint: ReturnType<typeof fakeEndpoint>, options: SessionTimeoutOptions = {}) {
  const host = await mount({ pingUrl: endpoint.url, ...options });
  host.time.advance(ASK_TABS_WAIT);
  await waitUntil(async () => (await endpoint.requests()).length >= 1, 'the start-up ping');
  await settle();
  await endpoint.forget();
  await leaderElected(endpoint);
  return host;
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
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await endpoint.script([{ respond: 'alive', remaining: 80, expireAfter: 90, warnAfter: 60 }]);
    host.time.advance(60 * S - ASK_TABS_WAIT); // to the warning point
    await waitUntil(() => host.log.length > 0 || host.session.expireAt! - host.time.now > 30 * S);
    expect(host.session.state, 'another tab was active: no warning').to.equal('active');
    expect(host.session.remaining).to.equal(80);
    const requests = await endpoint.requests();
    expect(requests).to.have.length(1);
    expect(requests[0]!.body).to.deep.equal({ idle: 60 });
  });

  it('confirms before expiring; a 401 ends the session with the server’s reason', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await endpoint.script([{ respond: 'alive', remaining: 30, expireAfter: 90, warnAfter: 60 }, { respond: 'expired', reason: 'idle' }]);
    host.time.advance(60 * S - ASK_TABS_WAIT);
    await waitUntil(() => host.session.state === 'warning');
    host.time.advance(30 * S);
    await waitUntil(() => host.session.state === 'expired');
    expect(host.log).to.deep.equal(['warn 30', 'expire idle']);
    expect(await endpoint.requests()).to.have.length(2);
  });

  it('extend() pings {"idle": 0}', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
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
      const host = await mountStarted(endpoint);
      host.errors.length = 0; // the start-up ping's
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
    expect(host.session.warnAt).to.equal(null);
    host.session.extend();
    host.time.advance(3600 * S);
    expect(host.session.state).to.equal('active');
    host.session.configure({ disabled: false });
    expect(host.time.pending, 'the warning, and the start-up question to the other tabs').to.equal(2);
    expect(host.session.warnAt! - host.time.now).to.equal(60 * S);
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

describe('SessionTimeoutController: keep-alive and the other tabs', () => {
  const TYPING_STEP = 5;
  /**
   * Real (trusted) key presses for `seconds` of fake time on every host given: one each
   * {@link TYPING_STEP} seconds (and one at the end), as often as the keep-alive can tell apart (its
   * intervals are 10 s or more). Each press is a round trip through the browser's driver, which
   * under WebDriver classic costs tens of milliseconds: one a second made this file about 390 of them.
   */
  async function typeFor(seconds: number, ...hosts: TestHost[]) {
    for (let second = 0; second < seconds;) {
      const step = Math.min(TYPING_STEP, seconds - second);
      for (const host of hosts) host.time.advance(step * S);
      second += step;
      await sendKeys({ press: 'Shift' });
    }
  }

  it('an active user pings once per interval (half the warning window), an idle one never', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await typeFor(59, host);
    await settle();
    const active = await endpoint.requests();
    // The page load told the server at 0 s; then every 15 s of input: 15, 30, 45.
    expect(active.map((r) => r.body)).to.deep.equal([{ idle: 0 }, { idle: 0 }, { idle: 0 }]);
    host.time.advance(58 * S); // idle, short of the warning
    await settle();
    expect(await endpoint.requests(), 'nothing while idle').to.have.length(3);
    expect(host.session.state).to.equal('active');
  });

  it('a tab opening (its page load told the server) sends no ping of its own', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await settle();
    window.dispatchEvent(new Event('focus'));
    host.time.advance(5 * S);
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(await endpoint.requests()).to.deep.equal([]);
  });

  it('a ping-interval longer than is safe is shortened; a shorter one is taken', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint, { pingInterval: 10 });
    await typeFor(30, host);
    await settle();
    expect(await endpoint.requests()).to.have.length(3);
    host.session.configure({ pingInterval: 600 });
    await typeFor(30, host);
    await settle();
    expect(await endpoint.requests()).to.have.length(5);
  });

  it('two tabs active at once send one series of pings, not two', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const a = await mountStarted(endpoint);
    const b = await mount({ pingUrl: endpoint.url });
    await settle(); // leadership settles; b hears what the server told a
    b.time.advance(S);
    await settle();
    expect(await endpoint.requests(), 'the second tab asked the first, not the server').to.deep.equal([]);
    await typeFor(59, a, b);
    await settle();
    expect(await endpoint.requests(), 'at 15, 30 and 45 s, as for one tab').to.have.length(3);
  });

  it('a hold pings once per interval with idle 0, until released', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    const release = host.session.hold();
    host.time.advance(60 * S);
    // Four fetches leave at once: on a loaded machine 50 ms was not always enough for all to arrive.
    await waitUntil(async () => (await endpoint.requests()).length >= 4, 'four pings');
    await settle();
    expect((await endpoint.requests()).map((r) => r.body)).to.deep.equal([{ idle: 0 }, { idle: 0 }, { idle: 0 }, { idle: 0 }]);
    release();
    host.time.advance(45 * S);
    await settle();
    expect(await endpoint.requests(), 'quiet once released').to.have.length(4);
  });

  it('extending in one tab closes the warning in another; ending one ends all', async () => {
    const channel = `test-${Math.random()}`;
    const a = await mount({ channel });
    const b = await mount({ channel });
    a.time.advance(60 * S);
    b.time.advance(60 * S);
    expect([a.session.state, b.session.state]).to.deep.equal(['warning', 'warning']);
    a.session.extend();
    await waitUntil(() => b.session.state === 'active', 'the other tab closed its warning');
    expect(b.log.at(-1)).to.equal('extend 90 tab');

    a.session.expire('logout');
    await waitUntil(() => b.session.state === 'expired');
    expect(b.log.at(-1)).to.equal('expire logout');
  });

  it('dismissing the absolute warning in one tab closes it in the others, and it does not reopen', async () => {
    const channel = `test-${Math.random()}`;
    const a = await mount({ channel });
    const b = await mount({ channel });
    // Another tab's ping learnt that the session ends at its absolute limit in 20 s (sooner than idle).
    const server = new BroadcastChannel(channel);
    server.postMessage({ type: 'server', at: a.time.now, remaining: 90, absoluteRemaining: 20 });
    server.close();
    await waitUntil(() => a.session.state === 'warning' && b.session.state === 'warning', 'both tabs warn at once');
    expect([a.session.warningReason, b.session.warningReason]).to.deep.equal(['absolute', 'absolute']);
    a.session.dismiss();
    await waitUntil(() => b.session.state === 'active', 'the other tab closed its warning');
    expect(b.log.filter((line) => line.startsWith('extend')), 'closed, not extended').to.deep.equal([]);
    b.time.advance(10 * S);
    expect(b.session.state, 'it does not reopen for the same end').to.equal('active');
    b.time.advance(10 * S);
    expect(b.session.state, 'the session still ends at its fixed limit').to.equal('expired');
    expect(b.log.at(-1)).to.equal('expire absolute');
  });

  it('activity in another tab keeps an idle tab from warning', async () => {
    const channel = `test-${Math.random()}`;
    const idle = await mount({ channel });
    const otherTab = new BroadcastChannel(channel);
    for (let second = 10; second <= 120; second += 10) {
      idle.time.advance(10 * S);
      otherTab.postMessage({ type: 'activity', at: idle.time.now });
      await waitUntil(() => idle.session.lastActivity?.getTime() === idle.time.now);
    }
    otherTab.close();
    expect(idle.log, 'never warned').to.deep.equal([]);
  });

  it('follows a server answer another tab received, less the time since', async () => {
    const channel = `test-${Math.random()}`;
    const host = await mount({ channel });
    const otherTab = new BroadcastChannel(channel);
    const answeredAt = host.time.now;
    host.time.advance(2 * S);
    otherTab.postMessage({ type: 'server', at: answeredAt, remaining: 40, absoluteRemaining: null });
    otherTab.close();
    await waitUntil(() => host.session.remaining < 80);
    expect(host.session.remaining).to.equal(38);
  });

  it('never pings once the session has ended, not even for a hold', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await settle();
    host.session.expire('logout');
    host.session.hold();
    await typeFor(60, host);
    host.time.advance(600 * S);
    await settle();
    expect(await endpoint.requests()).to.deep.equal([]);
    expect(host.time.pending, 'no timer left').to.equal(0);
  });

  it('sends no keep-alive while the warning is open, only the confirmation before it', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await endpoint.script([{ respond: 'alive', remaining: 30, expireAfter: 90, warnAfter: 60 }]);
    host.time.advance(60 * S);
    await waitUntil(() => host.session.state === 'warning');
    await typeFor(25, host);
    await settle();
    expect((await endpoint.requests()).map((r) => r.body)).to.deep.equal([{ idle: 60 }]);
  });

  it('counts every ping as news told: no keep-alive right after an extend or a bfcache check', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await settle();
    host.session.extend();
    await typeFor(5, host);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await typeFor(5, host);
    await settle();
    expect((await endpoint.requests()).length, 'the extend and the bfcache check, nothing more').to.equal(2);
  });

  it('backs off while the server fails: fewer pings than one per interval', async function () {
    const endpoint = fakeEndpoint('respond=error');
    const host = await mountStarted(endpoint);
    await settle();
    for (let second = 0; second < 120; second += TYPING_STEP) {
      host.time.advance(TYPING_STEP * S);
      await sendKeys({ press: 'Shift' });
      if (second % 10 == 0) await settle(); // let failed answers arrive
    }
    await settle();
    const pings = (await endpoint.requests()).length;
    // Without backoff: 8 (one per 15 s). With it: waits of 15, 30, 60 s (less up to half, at random).
    expect(pings).to.be.within(3, 5);
    expect(host.session.state).to.equal('active');
  });

  it('ignores what other tabs of a different channel say', async () => {
    const a = await mount({ channel: `test-${Math.random()}` });
    const b = await mount({ channel: `test-${Math.random()}` });
    a.session.expire('logout');
    await settle();
    expect(b.session.state).to.equal('active');
  });
});

describe('SessionTimeoutController: the server decides (issue 10)', () => {
  /** Like the real server: `remaining` is the server's limit less the idle time the ping reports. */
  const server = (expireAfter: number, warnAfter: number) => fakeEndpoint(`respond=alive&expireAfter=${expireAfter}&warnAfter=${warnAfter}`);

  it('adopts the server’s durations at start-up, and says once that the page’s differ', async () => {
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warned.push(message);
    try {
      const endpoint = server(900, 840);
      const host = await mountStarted(endpoint); // attributes 60 / 90
      expect(host.session.durations).to.deep.equal({ warnAfter: 840, expireAfter: 900 });
      expect(host.session.warnAt! - host.time.now).to.be.closeTo(840 * S - ASK_TABS_WAIT, 1);
      await waitUntil(() => warned.length > 0, 'no console warning');
      await aTimeout(20);
      expect(warned.filter((message) => message.includes('server')), 'one warning').to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('an idle user is signed out at the server’s time when the page’s expire-after is shorter', async () => {
    const endpoint = server(900, 840);
    const host = await mount({ pingUrl: endpoint.url, warnAfter: 540, expireAfter: 600 });
    host.time.advance(ASK_TABS_WAIT);
    await waitUntil(() => host.session.durations.expireAfter === 900, 'adopted', { timeout: 4000 });
    host.time.advance(840 * S - ASK_TABS_WAIT); // the server's warning point, not the page's 540 s
    await waitUntil(() => host.session.state === 'warning', 'warned at 840 s', { timeout: 4000 });
    host.time.advance(60 * S);
    await waitUntil(() => host.session.state === 'expired', 'ended at 900 s', { timeout: 4000 });
    const idle = (await endpoint.requests()).map((request) => (request.body as { idle: number }).idle);
    expect(idle.slice(1), 'pings report the real idle time').to.deep.equal([840, 900]);
  });

  it('warns at the server’s time when the page’s warn-after is longer', async () => {
    const endpoint = server(30, 20);
    const host = await mountStarted(endpoint); // attributes 60 / 90
    host.time.advance(20 * S - ASK_TABS_WAIT);
    await waitUntil(() => host.session.state === 'warning');
    expect(host.log[0]).to.match(/^warn (9|10)/);
  });

  it('a callback that throws stops neither the countdown nor the end of the session', async () => {
    const errors: unknown[] = [];
    const host = await mount({
      onWarn: () => {
        throw new Error('app bug');
      },
      onCallbackError: (error) => errors.push(error),
    });
    host.time.advance(60 * S);
    expect(host.session.state).to.equal('warning');
    host.time.advance(30 * S);
    expect(host.session.state).to.equal('expired');
    expect(host.log).to.deep.equal(['expire idle']);
    expect((errors[0] as Error).message).to.equal('app bug');
  });

  it('an ended tab gives the leader lock up, so a new session’s tab can lead', async () => {
    const channel = `test-${Math.random()}`;
    const held = async () => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name?.startsWith(`session-timeout-sync:${channel}`));
    const host = await mount({ channel });
    await waitUntil(held, 'the only tab leads');
    host.session.expire('logout');
    await waitUntil(async () => !(await held()), 'the ended tab let go');
  });

  it('disabling after the end and enabling again starts afresh', async () => {
    const host = await mount();
    host.session.expire('logout');
    host.session.configure({ disabled: true });
    host.session.configure({ disabled: false });
    expect(host.session.state).to.equal('active');
    expect(host.session.warnAt! - host.time.now).to.equal(60 * S);
  });

});

describe('SessionTimeoutController: what react-idle-timer users reach for', () => {
  it('leader: onLeader(true) once a lone tab leads, onLeader(false) when its session ends; never the same value twice', async () => {
    const said: boolean[] = [];
    const host = await mount({ channel: `test-${Math.random()}`, onLeader: (leader) => said.push(leader) });
    await waitUntil(() => host.session.leader, 'the only tab leads', { timeout: 5000 });
    expect(said).to.deep.equal([true]);
    host.session.expire('logout');
    expect([host.session.leader, ...said]).to.deep.equal([false, true, false]);
    host.remove();
    expect(said, 'nothing more when it goes').to.deep.equal([true, false]);
  });

  it('onPing: each answer, with the server’s remaining and the durations in force from it', async () => {
    const endpoint = fakeEndpoint();
    await endpoint.script([{ respond: 'alive', remaining: 70, expireAfter: 120, warnAfter: 90 }]);
    const pings: Array<[number, number, number]> = [];
    const host = await mount({ pingUrl: endpoint.url, onPing: (remaining, { expireAfter, warnAfter }) => pings.push([remaining, expireAfter, warnAfter]) });
    host.time.advance(ASK_TABS_WAIT);
    await waitUntil(() => pings.length === 1, 'the start-up ping answered');
    expect(pings).to.deep.equal([[70, 120, 90]]);
    host.session.extend();
    await waitUntil(() => pings.length === 2, 'the extend answered');
    expect(host.session.lastActivity).to.be.instanceOf(Date);
    expect(host.session.lastActivity!.getTime()).to.equal(host.time.now);
  });
});

describe('SessionTimeoutController: what developers need to see (issue 14)', () => {
  it('a ping the server answers outside the protocol is reported once on the console, naming the URL', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      for (const [url, expected] of [
        ['/no-ping-here', /\/no-ping-here answered 404/],
        [fakeEndpoint('respond=garbage').url, /answered 200 with text\/plain, not the ping protocol's JSON/],
      ] as const) {
        errors.length = 0;
        const host = await mount({ pingUrl: url });
        host.session.extend();
        await waitUntil(() => host.errors.length == 1);
        host.session.extend();
        await waitUntil(() => host.errors.length == 2 && errors.length > 0);
        expect(errors, String(url)).to.have.length(1);
        expect(errors[0]).to.match(expected);
        host.remove();
      }
      errors.length = 0;
      const passing = await mount({ pingUrl: fakeEndpoint('respond=unavailable').url });
      passing.session.extend();
      await waitUntil(() => passing.errors.length == 1);
      expect(errors, 'a 503 is passing: quiet').to.deep.equal([]);
    } finally {
      console.error = original;
    }
  });

  it('debug logs every decision: pings, answers, engine events', async () => {
    const lines: string[] = [];
    const original = console.debug;
    console.debug = (message: string) => lines.push(message);
    try {
      const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
      const host = await mount({ pingUrl: endpoint.url, debug: true });
      host.time.advance(ASK_TABS_WAIT);
      await waitUntil(() => lines.includes('<session-timeout> ping answered'));
      host.session.configure({ debug: false });
      host.session.extend();
      await settle();
      expect(lines).to.include.members(['<session-timeout> ping', '<session-timeout> ping answered']);
      expect(lines.filter((line) => line.endsWith('extend')), 'quiet once debug is off').to.deep.equal([]);
    } finally {
      console.debug = original;
    }
  });
});

describe('SessionTimeoutController: issue 20', () => {
  /** Holds the leader lock of `channel`? */
  const leads = async (channel: string) =>
    ((await navigator.locks.query()).held ?? []).some((lock) => lock.name?.startsWith(`session-timeout-sync:${channel}:`));

  it('4: input in another tab counts while this tab’s warning is open; nobody is signed out while the user types', async () => {
    const channel = `test-${Math.random()}`;
    const host = await mount({ channel });
    host.time.advance(60 * S);
    expect(host.session.state).to.equal('warning');
    const otherTab = new BroadcastChannel(channel);
    try {
      otherTab.postMessage({ type: 'activity', at: host.time.now });
      await waitUntil(() => host.session.state === 'active', 'the warning closed: the session is no longer near its end');
      expect(host.log.at(-1), 'told as an extension from another tab').to.equal('extend 90 tab');
      for (let second = 10; second <= 120; second += 10) {
        host.time.advance(10 * S);
        otherTab.postMessage({ type: 'activity', at: host.time.now });
        await waitUntil(() => host.session.lastActivity?.getTime() === host.time.now);
      }
      expect(host.session.state).to.equal('active');
      expect(host.log.filter((line) => line.startsWith('expire')), 'never signed out').to.deep.equal([]);
    } finally {
      otherTab.close();
    }
  });

  it('4: the leader whose warning is open sends the keep-alive for another tab’s input (never an extend ping)', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    await endpoint.script([{ respond: 'alive', remaining: 30, expireAfter: 90, warnAfter: 60 }, { respond: 'alive', expireAfter: 90, warnAfter: 60 }]);
    host.time.advance(60 * S - ASK_TABS_WAIT);
    await waitUntil(() => host.session.state === 'warning');
    host.time.advance(16 * S); // past one keep-alive interval (15 s) since the confirmation
    const other = new BroadcastChannel(`session-timeout:${endpoint.url.split('?')[0]}`); // the channel derived from ping-url
    try {
      other.postMessage({ type: 'activity', at: host.time.now });
      await waitUntil(async () => (await endpoint.requests()).length === 2, 'a keep-alive for the other tab’s input');
      expect((await endpoint.requests()).map((r) => r.body)).to.deep.equal([{ idle: 60 }, { idle: 0 }]);
      expect(host.session.state).to.equal('active');
    } finally {
      other.close();
    }
  });

  it('5: an answer for another subject makes the page leave at once, as a refused resume does (not the end’s path)', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60&subject=alice');
    const host = await mountStarted(endpoint);
    await endpoint.script([{ respond: 'alive', expireAfter: 90, warnAfter: 60, subject: 'bob' }]);
    host.session.extend(); // any ping: Bob signed in over Alice in another tab
    await waitUntil(() => host.log.includes('leave'), 'the page left');
    expect(host.session.state).to.equal('expired');
    expect(host.log.filter((line) => line.startsWith('expire')), 'not an end that keeps Alice’s work for Bob').to.deep.equal([]);
    expect(host.time.pending, 'no timer left').to.equal(0);
  });

  for (const [name, subject] of [['another subject', 'bob'], ['no subject', null]] as const) {
    it(`5: another tab’s server answer with ${name} makes the page leave; the other tab keeps its session`, async () => {
      const channel = `test-${Math.random()}`;
      const host = await mount({ channel });
      const otherTab = new BroadcastChannel(channel);
      try {
        otherTab.postMessage({ type: 'server', at: host.time.now, remaining: 90, absoluteRemaining: null, subject: 'alice' });
        await waitUntil(() => host.session.remaining === 90);
        const heard: unknown[] = [];
        otherTab.onmessage = (event) => heard.push(event.data);
        otherTab.postMessage({ type: 'server', at: host.time.now, remaining: 90, absoluteRemaining: null, subject });
        await waitUntil(() => host.log.includes('leave'), 'the page left');
        await settle();
        expect(host.session.state).to.equal('expired');
        expect(heard.filter((m) => (m as { type: string }).type === 'expire'), 'the other user’s tabs are not ended').to.deep.equal([]);
      } finally {
        otherTab.close();
      }
    });
  }

  it('5: a 401 "missing" (signed out elsewhere) makes the page leave; a 401 "idle" is the end, as before', async () => {
    const gone = await mount({ pingUrl: fakeEndpoint('respond=expired&reason=missing').url });
    gone.session.extend();
    await waitUntil(() => gone.log.includes('leave'), 'the page left');
    expect(gone.log.filter((line) => line.startsWith('expire'))).to.deep.equal([]);
    const ended = await mount({ pingUrl: fakeEndpoint('respond=expired&reason=idle').url });
    ended.session.extend();
    await waitUntil(() => ended.session.state === 'expired');
    expect(ended.log.at(-1)).to.equal('expire idle');
    expect(ended.log).not.to.include('leave');
  });

  it('6: moving the element in the DOM is not activity', async () => {
    const host = await mount();
    const warnAt = host.session.warnAt!;
    host.time.advance(30 * S);
    const parent = host.parentElement!;
    host.remove();
    parent.append(host);
    expect(host.session.warnAt!).to.equal(warnAt);
    host.time.advance(30 * S);
    expect(host.session.state).to.equal('warning');
  });

  it('6: an element re-mounted on a timer with no input reports the real idle and is warned', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const time = new FakeTime();
    let host!: TestHost;
    for (let mounted = 1; mounted <= 4; mounted++) {
      if (host) {
        host.remove();
        time.advance(25 * S - ASK_TABS_WAIT);
      }
      host = await mount({ pingUrl: endpoint.url, now: time.clock, scheduler: time });
      time.advance(ASK_TABS_WAIT);
      await waitUntil(async () => (await endpoint.requests()).length === mounted, 'the start-up ping');
    }
    expect((await endpoint.requests()).map((r) => (r.body as { idle: number }).idle)).to.deep.equal([0.25, 25.25, 50.25, 75.25]);
    await waitUntil(() => host.session.state === 'warning', 'warned: the server’s session was never extended');
  });

  it('6: a new element starts from the last trusted input the page saw, not from its mounting', async () => {
    const time = new FakeTime();
    const first = await mount({ now: time.clock, scheduler: time });
    time.advance(10 * S);
    await sendKeys({ press: 'Shift' });
    const typedAt = time.now;
    first.remove();
    time.advance(30 * S);
    const second = await mount({ now: time.clock, scheduler: time });
    expect(second.session.lastActivity?.getTime()).to.equal(typedAt);
    expect(second.session.idleFor).to.equal(30);
  });

  it('9: a clock set back gives no time: the warning opens after warn-after of real time', async () => {
    const host = await mount();
    host.time.advance(30 * S);
    host.time.step(-20 * S); // the system clock is set back 20 s
    host.time.advance(30 * S);
    expect(host.session.state).to.equal('warning');
    expect(host.session.remaining).to.equal(30);
  });

  it('9: a malformed ping-url: one console error naming ping-url, then the countdown on the attributes', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const host = await mount({ pingUrl: 'http://[oops' });
      expect(errors.filter((line) => line.includes('ping-url'))).to.have.length(1);
      expect(host.time.pending, 'a timer for the warning').to.be.greaterThan(0);
      host.time.advance(60 * S);
      expect(host.session.state).to.equal('warning');
      host.time.advance(30 * S);
      expect(host.session.state).to.equal('expired');
    } finally {
      console.error = original;
    }
  });

  it('9: changing channel after the end does not make the dead tab a leader again', async () => {
    const channel = `test-${Math.random()}`;
    const host = await mount({ channel });
    await waitUntil(() => leads(channel), 'the only tab leads');
    host.session.expire('logout');
    await waitUntil(async () => !(await leads(channel)), 'the ended tab let go');
    const next = `test-${Math.random()}`;
    host.session.configure({ channel: next });
    await settle();
    expect(await leads(next)).to.equal(false);
  });
});

describe('SessionTimeoutController: presence (close the last tab, the session ends)', () => {
  const presence = 'respond=alive&expireAfter=90&warnAfter=60&closeAfter=30';
  // No jitter (presence's waits add up to a tenth at random), so that the pings come at exact instants.
  const random = Math.random;
  beforeEach(() => { Math.random = () => 0; });
  afterEach(() => { Math.random = random; });
  const bodies = async (endpoint: ReturnType<typeof fakeEndpoint>) => (await endpoint.requests()).map((r) => r.body);

  it('the leader pings every third of closeAfter with the true idle time, while idle and while the warning is open', async () => {
    const endpoint = fakeEndpoint(presence);
    const host = await mountStarted(endpoint);
    for (let second = 10; second <= 80; second += 10) {
      host.time.advance(10 * S);
      await waitUntil(async () => (await endpoint.requests()).length >= second / 10, `a ping at ${second} s`);
      await settle();
    }
    expect(host.session.state).to.equal('warning');
    // Each idle counts from the page's load, the start-up ping having left ASK_TABS_WAIT after it; at 60
    // the warning's own confirmation is presence too: the pace goes on from it, none is added beside it.
    const presencePings = [10, 20, 30, 40, 50].map((idle) => idle + ASK_TABS_WAIT / S);
    expect(await bodies(endpoint)).to.deep.equal([...presencePings, 60, 70, 80].map((idle) => ({ idle })));
    host.time.advance(10 * S);
    await waitUntil(() => host.session.state === 'expired', 'presence never extends: the session still ends idle');
    expect(host.log.at(-1)).to.equal('expire idle');
  });

  it('no presence ping without closeAfter in the answers (presence off)', async () => {
    const endpoint = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(endpoint);
    host.time.advance(50 * S);
    await settle();
    expect(await bodies(endpoint)).to.deep.equal([]);
  });

  it('pagehide (not into the back/forward cache) sends the closing beacon as text/plain and tells the other tabs', async () => {
    const endpoint = fakeEndpoint(presence);
    const host = await mountStarted(endpoint);
    const otherTab = new BroadcastChannel(`session-timeout:${endpoint.url.split('?')[0]}`);
    const heard: unknown[] = [];
    otherTab.onmessage = (event) => heard.push(event.data);
    host.time.advance(4 * S);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle();
    expect(await endpoint.requests(), 'into the bfcache: nothing').to.deep.equal([]);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await waitUntil(async () => (await endpoint.requests()).length == 1, 'the beacon');
    await waitUntil(() => heard.some((m) => (m as { type: string }).type == 'closing'), 'the closing message');
    otherTab.close();
    const [beacon] = await endpoint.requests();
    expect(beacon!.body).to.deep.equal({ idle: 4 + ASK_TABS_WAIT / S, closing: true });
    expect(beacon!.contentType, 'a string body: no preflight').to.match(/^text\/plain/);
    expect(heard.filter((m) => (m as { type: string }).type == 'closing')).to.deep.equal([{ type: 'closing', at: host.time.now }]);
  });

  it('no beacon without presence, nor after the end', async () => {
    const off = fakeEndpoint('respond=alive&expireAfter=90&warnAfter=60');
    const host = await mountStarted(off);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    const on = fakeEndpoint(presence);
    const ended = await mountStarted(on);
    ended.session.expire('logout');
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await settle();
    await settle();
    expect([await off.requests(), await on.requests(), host.session.state]).to.deep.equal([[], [], 'active']);
  });

  it('another tab closing is answered with a presence ping after its beacon (the true idle time)', async () => {
    const endpoint = fakeEndpoint(presence);
    const host = await mountStarted(endpoint);
    const otherTab = new BroadcastChannel(`session-timeout:${endpoint.url.split('?')[0]}`);
    host.time.advance(5 * S);
    otherTab.postMessage({ type: 'closing', at: host.time.now });
    otherTab.close();
    await waitUntil(() => host.time.pending >= 3, 'the answer armed'); // warning, presence pace, the answer
    host.time.advance(CLOSING_ANSWER_DELAY - 1);
    await settle();
    expect(await endpoint.requests(), 'not before the beacon could arrive').to.deep.equal([]);
    host.time.advance(1);
    await waitUntil(async () => (await endpoint.requests()).length == 1);
    expect(await bodies(endpoint)).to.deep.equal([{ idle: (ASK_TABS_WAIT + 5 * S + CLOSING_ANSWER_DELAY) / S }]);
  });

  it('back from the back/forward cache, a "closed" answer ends the page with reason closed', async () => {
    const endpoint = fakeEndpoint(presence);
    const host = await mountStarted(endpoint);
    await endpoint.script([{ respond: 'expired', reason: 'closed' }]);
    host.time.sleep(60 * S); // frozen in the cache past closeAfter
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitUntil(() => host.session.state === 'expired');
    expect(host.log.at(-1)).to.equal('expire closed');
  });
});
