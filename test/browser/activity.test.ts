import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { ActivityTracker } from '../../src/browser/activity.js';
import { IdleEngine } from '../../src/idle/engine.js';
import { FakeTime } from './fake-time.js';

/** Counts re-evaluations, and recorded inputs through the clock (read once per recorded input). */
function spySink() {
  return {
    activity: 0,
    reevaluations: 0,
    reevaluate() {
      this.reevaluations++;
    },
  };
}

describe('ActivityTracker', () => {
  let tracker: ActivityTracker;
  afterEach(async () => {
    tracker?.disconnect();
    await resetMouse();
  });

  it('counts the user’s own input: pointer moves and presses, keys, wheel', async () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    tracker.connect();
    await sendMouse({ type: 'move', position: [20, 20] });
    expect(sink.activity, 'mousemove').to.be.greaterThan(0);
    let before = sink.activity;
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'up' });
    expect(sink.activity - before, 'pointerdown').to.equal(1);
    before = sink.activity;
    await sendKeys({ press: 'Shift' });
    expect(sink.activity - before, 'keydown').to.equal(1);
  });

  it('costs the engine nothing per event: no read, no timer, until the engine looks at a deadline', async () => {
    const time = new FakeTime();
    let reads = 0;
    tracker = new ActivityTracker({ reevaluate() {} }, time.clock);
    const engine = new IdleEngine({ warnAfter: 60, expireAfter: 90, now: time.clock, scheduler: time,
                                    input: () => (reads++, tracker.lastInput) });
    tracker.connect();
    engine.start();
    const [readsAtStart, timersAtStart] = [reads, time.setCalls + time.clearCalls];
    for (let i = 0; i < 20; i++) {
      time.now += 1000;
      await sendKeys({ press: 'Shift' });
    }
    expect(tracker.lastInput, 'the input was seen').to.equal(time.now);
    expect(reads, 'no engine read per event').to.equal(readsAtStart);
    expect(time.setCalls + time.clearCalls, 'no timer call per event').to.equal(timersAtStart);
    time.advance(60 * 1000);
    expect(engine.lastActivity, 'read when the deadline came').to.equal(tracker.lastInput);
    engine.dispose();
  });

  it('ignores script-dispatched (untrusted) events', () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    tracker.connect();
    for (const type of ['mousemove', 'pointermove', 'pointerdown', 'keydown', 'wheel', 'scroll', 'touchstart']) {
      document.dispatchEvent(new Event(type, { bubbles: true }));
      document.body.dispatchEvent(new Event(type, { bubbles: true }));
    }
    expect(sink.activity).to.equal(0);
  });

  it('ignores mouse moves that did not move', async () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    tracker.connect();
    const seen: number[] = [];
    const count = () => seen.push(1);
    document.addEventListener('mousemove', count);
    try {
      await sendMouse({ type: 'move', position: [40, 40] });
      await sendMouse({ type: 'move', position: [40, 40] });
      await sendMouse({ type: 'move', position: [40, 40] });
      await sendMouse({ type: 'move', position: [41, 40] });
    } finally {
      document.removeEventListener('mousemove', count);
    }
    expect(sink.activity).to.equal(2);
    expect(tracker.lastInput).to.equal(2);
    expect(seen.length, 'the browser delivered the zero-distance moves too, or coalesced them').to.be.at.least(2);
  });

  it('re-evaluates on visibilitychange, pageshow, focus and online', () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    tracker.connect();
    document.dispatchEvent(new Event('visibilitychange'));
    for (const type of ['pageshow', 'focus', 'online']) window.dispatchEvent(new Event(type));
    expect(sink.reevaluations).to.equal(4);
  });

  it('disconnect() removes every listener; connect() twice adds them once', async () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    tracker.connect();
    tracker.connect();
    await sendKeys({ press: 'Shift' });
    expect(sink.activity).to.equal(1);
    tracker.disconnect();
    expect(tracker.connected).to.equal(false);
    await sendKeys({ press: 'Shift' });
    await sendMouse({ type: 'move', position: [70, 70] });
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
    // The clock is still read: the page hears its user while no tracker does (see the next test).
    expect(tracker.lastInput, 'the tracker heard nothing more').to.equal(1);
    expect(sink.reevaluations).to.equal(0);
  });

  it('once the page’s last tracker disconnected, the page still hears input: a tracker made later starts from it', async () => {
    const time = new FakeTime();
    tracker = new ActivityTracker({ reevaluate() {} }, time.clock);
    expect(tracker.pageLastInput, 'the first tracker: the page’s load').to.equal(time.now);
    tracker.connect();
    tracker.disconnect();
    time.now += 5000;
    await sendKeys({ press: 'Shift' });
    const later = new ActivityTracker({ reevaluate() {} }, time.clock);
    expect(later.pageLastInput, 'the input while no tracker listened').to.equal(time.now);
    time.now += 5000;
    later.connect(); // the page's witness stops: this tracker hears the page now
    later.disconnect();
    tracker = later;
  });

  it('catches scroll events of any scrolling element (capture phase: scroll does not bubble)', async () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    tracker.connect();
    const box = document.createElement('div');
    box.style.cssText = 'height: 50px; overflow: auto';
    box.innerHTML = '<div style="height: 500px"></div>';
    document.body.append(box);
    try {
      const scrolled = new Promise((resolve) => box.addEventListener('scroll', resolve, { once: true }));
      box.scrollTop = 100; // the browser fires a trusted scroll event at the box
      await scrolled;
      expect(sink.activity).to.equal(1);
    } finally {
      box.remove();
    }
  });

  it('a choice of events: only those count, and moves of a pointer are checked for distance too', async () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    tracker.connect(document, ['keydown', 'pointermove']);
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'up' });
    expect(sink.activity, 'a press is not in the list').to.equal(0);
    await sendKeys({ press: 'Shift' });
    expect(sink.activity, 'keydown').to.equal(1);
    await sendMouse({ type: 'move', position: [33, 33] });
    expect(sink.activity, 'pointermove').to.be.greaterThan(1);
    const moved = sink.activity;
    document.body.dispatchEvent(new PointerEvent('pointermove', { screenX: 0, screenY: 0 }));
    expect(sink.activity, 'untrusted').to.equal(moved);
  });

  it('on an element, only input inside it counts; lifecycle events still come from its window', async () => {
    const sink = spySink();
    tracker = new ActivityTracker(sink, () => ++sink.activity);
    const panel = document.createElement('div');
    panel.innerHTML = '<input id="inside">';
    const outside = document.createElement('input');
    document.body.append(panel, outside);
    try {
      tracker.connect(panel);
      outside.focus();
      await sendKeys({ press: 'Shift' });
      expect(sink.activity, 'typing outside the panel').to.equal(0);
      panel.querySelector('input')!.focus();
      await sendKeys({ press: 'Shift' });
      expect(sink.activity, 'typing inside').to.equal(1);
      window.dispatchEvent(new Event('online'));
      expect(sink.reevaluations).to.equal(1);
      tracker.disconnect();
      await sendKeys({ press: 'Shift' });
      window.dispatchEvent(new Event('online'));
      expect([tracker.lastInput, sink.reevaluations], 'every listener removed').to.deep.equal([1, 1]);
    } finally {
      panel.remove();
      outside.remove();
    }
  });
});

describe('ActivityTracker in same-origin frames', () => {
  let tracker: ActivityTracker;
  let time: FakeTime;
  let frames: HTMLIFrameElement[];
  beforeEach(() => {
    time = new FakeTime();
    tracker = new ActivityTracker({ reevaluate() {} }, time.clock);
    frames = [];
  });
  afterEach(() => {
    tracker.disconnect();
    for (const frame of frames) frame.remove();
  });

  /** A same-origin frame with a field, in `parent` (default the body), loaded. */
  async function frameWithField(parent: Element = document.body, src?: string): Promise<HTMLIFrameElement> {
    const frame = document.createElement('iframe');
    if (src) frame.src = src;
    else frame.srcdoc = '<input id="field">';
    frames.push(frame);
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    parent.append(frame);
    await loaded;
    return frame;
  }

  /** Types in the frame's field at a new moment: returns that moment. */
  async function typeIn(frame: HTMLIFrameElement): Promise<number> {
    time.now += 5_000;
    frame.contentDocument!.querySelector('input')!.focus();
    await sendKeys({ type: 'a' });
    return time.now;
  }

  it('counts typing in a frame that was there before connect()', async () => {
    const frame = await frameWithField();
    tracker.connect();
    expect(await typeIn(frame)).to.equal(tracker.lastInput);
  });

  it('counts typing in a frame added later, and in a frame of that frame', async () => {
    tracker.connect();
    const frame = await frameWithField();
    expect(await typeIn(frame)).to.equal(tracker.lastInput);
    const inner = await frameWithField(frame.contentDocument!.body);
    expect(await typeIn(inner), 'the nested frame').to.equal(tracker.lastInput);
  });

  it('still counts after the frame navigated or reloaded (a new window)', async () => {
    tracker.connect();
    const frame = await frameWithField(document.body, '/test/browser/frames/framed-page.html');
    const firstWindow = frame.contentWindow;
    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.contentWindow!.location.reload();
    await reloaded;
    expect(frame.contentWindow!.document.querySelector('input'), 'a new document').to.exist;
    expect(await typeIn(frame), 'after a reload').to.equal(tracker.lastInput);
    const navigated = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = '<input>';
    await navigated;
    expect(firstWindow).to.exist;
    expect(await typeIn(frame), 'after a navigation').to.equal(tracker.lastInput);
  });

  it('ignores script-dispatched events in a frame, and a frame outside an element target', async () => {
    const panel = document.createElement('div');
    document.body.append(panel);
    try {
      const outside = await frameWithField();
      const inside = await frameWithField(panel);
      tracker.connect(panel);
      outside.contentDocument!.dispatchEvent(new Event('keydown'));
      inside.contentDocument!.body.dispatchEvent(new Event('keydown', { bubbles: true }));
      await typeIn(outside);
      expect(tracker.lastInput, 'untrusted, or outside the target').to.equal(0);
      expect(await typeIn(inside)).to.equal(tracker.lastInput);
    } finally {
      panel.remove();
    }
  });

  it('disconnect() removes the listeners in frames too', async () => {
    const frame = await frameWithField();
    tracker.connect();
    tracker.disconnect();
    await typeIn(frame);
    const later = await frameWithField();
    await typeIn(later);
    expect(tracker.lastInput).to.equal(0);
  });
});
