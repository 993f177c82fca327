// Runs in the page before any of its scripts (plain JavaScript: it is sent as text, untouched by
// the TypeScript loader). Replaces `Date` and the timer functions with a clock the test can stop
// and move, as Playwright's `clock` did. `offset` ms are added to the wall clock.
// `window.__e2eClock.pause()` stops time and every timer; `wake(ms)` moves the clock `ms` past the
// moment it paused, fires what fell due (each timer once) and lets time run again.
(function installClock(offset) {
  const RealDate = Date;
  const realSetTimeout = window.setTimeout.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  let paused = null;
  const now = () => paused ?? RealDate.now() + offset;
  /** id → { at, run, every } */
  const timers = new Map();
  let nextId = 1;
  let driver;

  const fireDue = () => {
    const due = [...timers].filter(([, timer]) => timer.at <= now()).sort((a, b) => a[1].at - b[1].at);
    for (const [id, timer] of due) {
      if (timers.get(id) !== timer) continue; // cleared by one that ran before it
      if (timer.every === undefined) timers.delete(id);
      else timer.at = now() + timer.every;
      try {
        timer.run();
      } catch (error) {
        queueMicrotask(() => { throw error; });
      }
    }
  };
  const schedule = () => {
    if (driver !== undefined) realClearTimeout(driver);
    driver = undefined;
    if (paused !== null || timers.size === 0) return;
    const next = Math.min(...[...timers.values()].map((timer) => timer.at));
    driver = realSetTimeout(() => {
      driver = undefined;
      fireDue();
      schedule();
    }, Math.max(0, next - now()));
  };
  const add = (handler, delay, args, repeat) => {
    const ms = Math.max(repeat ? 1 : 0, Number(delay) || 0);
    const run = typeof handler === 'function' ? () => handler(...args) : () => (0, eval)(String(handler));
    const id = nextId++;
    timers.set(id, { at: now() + ms, run, every: repeat ? ms : undefined });
    schedule();
    return id;
  };
  const clear = (id) => {
    if (timers.delete(id)) schedule();
  };

  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now());
      else super(...args);
    }
    static now() {
      return now();
    }
  }
  Object.assign(window, {
    // `Date()` called as a function gives the current time as a string.
    Date: new Proxy(FakeDate, { apply: () => new RealDate(now()).toString() }),
    setTimeout: (handler, delay, ...args) => add(handler, delay, args, false),
    setInterval: (handler, delay, ...args) => add(handler, delay, args, true),
    clearTimeout: clear,
    clearInterval: clear,
    __e2eClock: {
      pause() {
        paused = now();
        schedule();
      },
      wake(ms) {
        const at = (paused ?? now()) + ms;
        offset = at - RealDate.now();
        paused = null;
        fireDue();
        schedule();
      },
    },
  });
})
