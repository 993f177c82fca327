import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { ACTIVE_EVERY, ACTIVITY_EVENTS, ActivityTracker } from '../../src/browser/activity.js';
import { FRAME_ACTIVITY, FRAME_ACTIVITY_VERSION, FrameMessages, isFrameActivity, parseOrigin } from '../../src/browser/frame-activity.js';
import { SessionTimeoutElement } from '../../src/session-timeout.js';
import { FakeTime } from './fake-time.js';

/**
 * The test page is served under one host name; the same server under the other one is another
 * origin: a cross-origin frame without a second server.
 */
const otherHost = location.hostname == '127.0.0.1' ? 'localhost' : '127.0.0.1';
const otherOrigin = `${location.protocol}//${otherHost}:${location.port}`;
const framedPage = `${otherOrigin}/test/browser/frames/framed-page.html`;

/**
 * A cross-origin frame showing the page that loads the frame module, ready for the test's input:
 * loaded, then typed into until the framed page reported it. A test makes it before anything of its
 * own listens: Chromium may route the first input to this page while a just-loaded frame of another
 * process is not yet hit-testable (the click itself, or only the move before it; the iframe element
 * focused, the framed page not), and this page's tracker would count that input as its own. Then the
 * frame module's one message a second has passed, so the test's own typing is reported.
 */
async function readyCrossOriginFrame(): Promise<HTMLIFrameElement> {
  // The source set before the frame is in the page: its first load event is the framed page's.
  const frame = Object.assign(document.createElement('iframe'), { src: framedPage });
  frame.style.cssText = 'position: fixed; left: 0; top: 0; width: 300px; height: 100px; border: 0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  await fixture(html`<div>${frame}</div>`);
  await loaded;
  await clickAndTypeUntilReported();
  await new Promise((resolve) => setTimeout(resolve, ACTIVE_EVERY));
  return frame;
}

/**
 * The user clicks into the frame's field and types there (input of the framed page's own): resolves
 * with the message the framed page posted, and fails if any of that input reached this page instead
 * (then nothing the test concludes about the frame's input would hold). Use on a ready frame.
 */
async function typeInFrame(): Promise<MessageEvent> {
  const heardHere: string[] = [];
  const listener = (event: Event) => event.isTrusted && heardHere.push(event.type);
  for (const type of ACTIVITY_EVENTS) addEventListener(type, listener, { capture: true });
  try {
    const message = await clickAndTypeUntilReported();
    expect(heardHere, 'the input went to the frame, not to this page').to.deep.equal([]);
    return message;
  } finally {
    for (const type of ACTIVITY_EVENTS) removeEventListener(type, listener, { capture: true });
  }
}

/** Clicks into the frame's field and types, again after a moment if the framed page did not report it. */
async function clickAndTypeUntilReported(): Promise<MessageEvent> {
  for (let attempt = 1; ; attempt++) {
    const message = nextFrameMessage();
    await sendMouse({ type: 'click', position: [50, 20] });
    await sendKeys({ type: 'ab' });
    const heard = await Promise.race([message, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]);
    if (heard) return heard;
    if (attempt == 5) throw new Error('the framed page never reported its input');
  }
}

/** Resolves with the next frame activity message this window receives (whatever the parent does with it). */
const nextFrameMessage = () => new Promise<MessageEvent>((resolve) => {
  const listener = (event: MessageEvent) => {
    if (!isFrameActivity(event.data)) return;
    removeEventListener('message', listener);
    resolve(event);
  };
  addEventListener('message', listener);
});

describe('frame activity', function () {
  // A page of another origin loads in each test: slower than the rest on a loaded machine.
  this.timeout(15_000);
  let tracker: ActivityTracker;
  let messages: FrameMessages;
  let time: FakeTime;
  let logged: string[];
  let origins: string[];
  beforeEach(() => {
    time = new FakeTime();
    logged = [];
    origins = [];
    tracker = new ActivityTracker({ reevaluate() {} }, time.clock);
    messages = new FrameMessages({ origins: () => origins, log: (line) => logged.push(line) });
  });
  afterEach(async () => {
    tracker.disconnect();
    messages.disconnect();
    await resetMouse();
  });

  it('a cross-origin frame that loads the frame module: its typing counts when frame-origins lists its origin', async () => {
    origins = [otherOrigin];
    await readyCrossOriginFrame();
    tracker.connect();
    messages.connect();
    time.now += 5_000;
    expect((await typeInFrame()).origin).to.equal(otherOrigin);
    await waitUntil(() => tracker.lastInput == time.now, 'the frame’s input counted');
  });

  it('an origin that frame-origins does not list is ignored (and said so in debug)', async () => {
    origins = [location.origin, 'https://elsewhere.example'];
    await readyCrossOriginFrame();
    tracker.connect();
    messages.connect();
    time.now += 5_000;
    await typeInFrame();
    expect(tracker.lastInput, 'not counted').to.equal(0);
    expect(logged.join('\n')).to.contain(`${otherOrigin}: not in frame-origins`);
  });

  it('nothing is accepted by default', async () => {
    await readyCrossOriginFrame();
    tracker.connect();
    messages.connect();
    await typeInFrame();
    expect(tracker.lastInput).to.equal(0);
  });

  it('a listed origin’s message counts only from a frame of this page, and only when a window posted it', async () => {
    origins = [location.origin];
    tracker.connect();
    messages.connect();
    const message = { type: FRAME_ACTIVITY, v: FRAME_ACTIVITY_VERSION };
    // The page itself (not one of its frames) posts it.
    const heard = nextFrameMessage();
    postMessage(message, '*');
    await heard;
    // A script dispatches one claiming a frame's window as its source.
    const frame = await fixture<HTMLIFrameElement>(html`<iframe srcdoc="<p>x</p>"></iframe>`);
    dispatchEvent(new MessageEvent('message', { data: message, origin: location.origin, source: frame.contentWindow }));
    expect(tracker.lastInput).to.equal(0);
    expect(logged.join('\n')).to.contain('not a frame of this page');
    expect(logged, 'the script-dispatched one is not even logged').to.have.length(1);
  });

  it('the frame module posts at most one message a second while input goes on', async () => {
    origins = [otherOrigin];
    await readyCrossOriginFrame();
    messages.connect();
    // The frame's module has just posted: the next message may go a second after that one.
    await typeInFrame();
    let count = 0;
    const counter = (event: MessageEvent) => isFrameActivity(event.data) && count++;
    addEventListener('message', counter);
    try {
      const started = performance.now();
      while (performance.now() - started < 1500) await sendKeys({ press: 'Shift' });
      const elapsed = performance.now() - started;
      await waitUntil(() => count > 0, 'a message while the input went on', { timeout: 3000 });
      expect(count).to.be.at.most(Math.ceil(elapsed / 1000) + 1);
    } finally {
      removeEventListener('message', counter);
    }
  });

  it('parseOrigin: bare origins only', () => {
    expect(parseOrigin('https://a.example')).to.equal('https://a.example');
    expect(parseOrigin('https://a.example/')).to.equal('https://a.example');
    expect(parseOrigin('https://a.example:8443')).to.equal('https://a.example:8443');
    expect(parseOrigin('https://a.example/path')).to.equal(null);
    expect(parseOrigin('a.example')).to.equal(null);
    expect(parseOrigin('*')).to.equal(null);
  });
});

describe('<session-timeout frame-origins>', function () {
  this.timeout(15_000);
  let time = new FakeTime();
  class FramedTimeout extends SessionTimeoutElement {
    static override timing = { now: time.clock, scheduler: time };
  }
  FramedTimeout.define('framed-timeout');
  beforeEach(() => {
    time = new FakeTime();
    FramedTimeout.timing = { now: time.clock, scheduler: time };
  });
  afterEach(() => resetMouse());

  for (const listed of [true, false]) {
    it(`typing in a cross-origin frame ${listed ? 'keeps the session when its origin is listed' : 'does not count when its origin is not listed'}`, async () => {
      await readyCrossOriginFrame();
      const el = await fixture<SessionTimeoutElement>(html`<framed-timeout warn-after="60" expire-after="120"></framed-timeout>`);
      if (listed) el.frameOrigins = [otherOrigin];
      else el.setAttribute('frame-origins', 'https://elsewhere.example');
      await el.updateComplete;
      time.advance(50_000);
      await typeInFrame();
      await new Promise((resolve) => setTimeout(resolve));
      time.advance(20_000);
      await el.updateComplete;
      expect(el.state).to.equal(listed ? 'active' : 'warning');
    });
  }

  it('the frame-origins attribute is a space-separated list', async () => {
    const el = await fixture<SessionTimeoutElement>(html`<framed-timeout frame-origins=" https://a.example  https://b.example:8443 "></framed-timeout>`);
    expect(el.frameOrigins).to.deep.equal(['https://a.example', 'https://b.example:8443']);
    expect(document.createElement('framed-timeout')).to.have.property('frameOrigins').that.deep.equals([]);
  });
});
