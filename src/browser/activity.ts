/**
 * The activity adapter: turns the user's own input into timestamp writes on an idle engine, and
 * page lifecycle events (the tab became visible, was restored from the bfcache, got focus, came back
 * online) into a re-evaluation of the deadlines from the wall clock.
 *
 * @module
 */
import { ACTIVE_EVERY, ACTIVITY_EVENTS } from './activity-events.js';

/** What the adapter wakes on lifecycle events; an {@link IdleEngine} fits. */
export interface ActivitySink {
  /** Re-reads the clock; called with the lifecycle event (`online`, a `pageshow`…), which are rare. */
  reevaluate(event?: Event): void;
  /**
   * Called with the input's time (wall-clock ms) at most once per {@link ACTIVE_EVERY} ms while the
   * user is active: often enough to tell other tabs and the server, rarely enough to cost nothing.
   */
  active?(at: number): void;
}

export { ACTIVE_EVERY, ACTIVITY_EVENTS } from './activity-events.js';

/** Moments when timers may have been late or the page frozen, so the deadlines are re-read from the clock. */
export const LIFECYCLE_EVENTS = ['visibilitychange', 'pageshow', 'focus', 'online'] as const;

const listenerOptions: AddEventListenerOptions = { passive: true, capture: true };

/** The elements whose documents are frames of the page. */
const FRAMES = 'iframe, frame';

/** Whether `node` is a frame element (by name: a frame's own elements are of another realm, so `instanceof` fails). */
const isFrame = (node: unknown): node is HTMLIFrameElement =>
  !!node && /^i?frame$/.test((node as Element).localName ?? '');

/**
 * The connected trackers of this page: a frame's message (see `frame-activity.ts`) is input for the
 * ones whose target holds that frame.
 */
const connectedTrackers = new Set<ActivityTracker>();

/**
 * Trusted input happened in the frame whose window is `source` (a cross-origin frame said so, and
 * its origin was vetted by the caller): it counts for every connected tracker of the page whose
 * target holds that frame.
 */
export function frameInput(source: MessageEventSource): void {
  for (const tracker of connectedTrackers) tracker.frameInput(source);
}

/**
 * What the page knows of its user's input, per clock (instants of two clocks do not compare): the
 * latest trusted input any tracker heard, else the moment the first tracker was made (the page's
 * load counts once). An element made later (an SPA re-mounting it) starts from it, so mounting one
 * is never activity.
 */
const pages = new WeakMap<() => number, PageInput>();

interface PageInput {
  lastInput: number;
  /** How many trackers of the page listen now. */
  listening: number;
  /** Hears the page's input while none does (see {@link ActivityTracker.disconnect}). */
  witness: ActivityTracker | null;
}

/** The page's record for the clock `now`, made on first use (without reading the clock). */
function pageOf(now: () => number): PageInput {
  let page = pages.get(now);
  if (!page) pages.set(now, (page = { lastInput: NaN, listening: 0, witness: null }));
  return page;
}

/** Marks the page's own witness, which only writes the page's last input. */
const WITNESS = Symbol('witness');

/**
 * @internal For tests whose elements run on the real clock one after another in one page: the
 * page's last input is `at` (default now) on the clock `now`, as if the user had just been there,
 * so that each test starts from a known input time instead of the first test's.
 */
export function notePageInput(now: () => number = Date.now, at: number = now()): void {
  pageOf(now).lastInput = at;
}

/**
 * Listens to user input on a document and its window. Passive, capture-phase listeners; untrusted
 * (script-dispatched) events and pointer moves that did not move are ignored; every other event
 * costs one timestamp write ({@link ActivityTracker.lastInput}): no call into the engine, no timer, no
 * allocation. The engine reads the timestamp when it looks at its deadlines.
 *
 * @example
 * const tracker = new ActivityTracker(engine);
 * const engine = new IdleEngine({ input: () => tracker.lastInput });
 * tracker.connect();      // listeners on
 * tracker.disconnect();   // every one of them off
 */
export class ActivityTracker {
  #x = NaN;
  #y = NaN;
  #target: Document | Element | null = null;
  #events: readonly string[] = ACTIVITY_EVENTS;
  #lastInput = 0;
  #notifiedAt = -Infinity;
  readonly #now: () => number;
  readonly #page: PageInput;
  readonly #witness: boolean;
  /** The same-origin frames heard, with the window each one's listeners are on (a navigation makes a new one). */
  readonly #frames = new Map<HTMLIFrameElement, Window>();

  /** @param now The wall clock in ms (default `Date.now`), the same as the engine's. */
  constructor(readonly sink: ActivitySink, now: () => number = Date.now, role?: typeof WITNESS) {
    this.#now = now;
    this.#page = pageOf(now);
    this.#witness = role === WITNESS;
  }

  /** Wall-clock ms of the latest trusted input; 0 before any. */
  get lastInput(): number {
    return this.#lastInput;
  }

  /**
   * Wall-clock ms of the latest trusted input any tracker of this page heard (on this clock), else
   * when the page's first tracker was made: where a new element starts from.
   */
  get pageLastInput(): number {
    const page = this.#page;
    if (Number.isNaN(page.lastInput)) page.lastInput = this.#now();
    return page.lastInput;
  }

  /**
   * Starts listening for `events` (default {@link ACTIVITY_EVENTS}) on `target` (default: the current
   * document; an element: only input inside it counts), and for lifecycle events on its document and
   * window. Input in the target's same-origin frames counts too (and in theirs), including frames
   * added later and frames that navigate: each frame's `load` re-attaches the listeners to its new
   * window. Cross-origin frames cannot be listened to: see `session-timeout-element/frame`.
   * Idempotent: {@link disconnect} first to listen elsewhere.
   */
  connect(target: Document | Element = document, events: readonly string[] = ACTIVITY_EVENTS): void {
    if (this.#target) return;
    this.#events = events;
    this.#listen('add', (this.#target = target));
    this.#watchFrames(target);
    connectedTrackers.add(this);
    if (this.#witness) return;
    this.#page.listening++;
    this.#page.witness?.disconnect();
  }

  /**
   * Removes every listener {@link connect} added. When it was the page's last tracker listening, the
   * page goes on hearing its user's input on that document (one more tracker, which only writes the
   * page's last input: no timer, no call) until a tracker connects again: so the page's last input
   * stays true while no element is there (a route without one, a disabled one, after the end while
   * the user signs in again), and an element made later starts from it, not from its own making.
   */
  disconnect(): void {
    const target = this.#target;
    if (!target) return;
    this.#listen('remove', target);
    target.removeEventListener('load', this.#onFrameLoad, listenerOptions);
    for (const win of this.#frames.values()) this.#listenInFrame('remove', win);
    this.#frames.clear();
    this.#target = null;
    connectedTrackers.delete(this);
    const page = this.#page;
    if (this.#witness || --page.listening) return;
    page.witness ??= new ActivityTracker({ reevaluate() {} }, this.#now, WITNESS);
    page.witness.connect(target.ownerDocument ?? (target as Document), this.#events);
  }

  /**
   * Input in the frame whose window is `source`, reported by the frame itself (a message): counts
   * when that frame is inside the target (any frame of the document when the target is a document).
   */
  frameInput(source: MessageEventSource): void {
    const target = this.#target;
    if (!target) return;
    if (target.nodeType == Node.DOCUMENT_NODE) return this.#input();
    for (const frame of target.querySelectorAll<HTMLIFrameElement>(FRAMES)) if (frame.contentWindow === source) return this.#input();
  }

  /** Whether the listeners are on. */
  get connected(): boolean {
    return !!this.#target;
  }

  /** Adds or removes every listener: the one place where they are listed, so each is paired with its removal. */
  #listen(op: 'add' | 'remove', target: Document | Element): void {
    const method = `${op}EventListener` as const;
    const doc = target.ownerDocument ?? (target as Document);
    for (const type of this.#events) target[method](type, /move$/.test(type) ? this.#onMove : this.#onInput, listenerOptions);
    if (this.#witness) return; // it has nothing to re-evaluate
    for (const type of LIFECYCLE_EVENTS) (type == 'visibilitychange' ? doc : doc.defaultView!)[method](type, this.#onLifecycle);
  }

  /**
   * Hears the frames in `root` (a target, or a same-origin frame's document) now and whenever one
   * loads: a frame's `load` is dispatched on its element in this document, so one capture-phase
   * listener hears frames added later and frames that navigated or reloaded.
   */
  #watchFrames(root: Document | Element): void {
    root.addEventListener('load', this.#onFrameLoad, listenerOptions);
    for (const frame of root.querySelectorAll<HTMLIFrameElement>(FRAMES)) this.#attachFrame(frame);
  }

  readonly #onFrameLoad = (event: Event): void => {
    if (isFrame(event.target)) this.#attachFrame(event.target);
  };

  /**
   * Listens to input on the frame's window, when it is same-origin (`contentDocument` is null for a
   * cross-origin one: it is left alone) and not already heard (again after each load). Frames removed from the page are
   * forgotten here, so that the map does not keep them.
   */
  #attachFrame(frame: HTMLIFrameElement): void {
    for (const known of this.#frames.keys()) if (!known.isConnected) this.#frames.delete(known);
    const win = frame.contentDocument?.defaultView;
    // Added again even for a known window: a frame's first document (about:blank) may hand its
    // window to the page it loads (adding a listener twice adds it once).
    if (!win) return;
    this.#frames.set(frame, win);
    this.#listenInFrame('add', win);
  }

  /** Adds or removes the input listeners on a frame's window, and the `load` listener for its own frames. */
  #listenInFrame(op: 'add' | 'remove', win: Window): void {
    try {
      for (const type of this.#events) win[`${op}EventListener`](type, /move$/.test(type) ? this.#onMove : this.#onInput, listenerOptions);
      if (op == 'add') this.#watchFrames(win.document);
      else win.document.removeEventListener('load', this.#onFrameLoad, listenerOptions);
    } catch {
      // The frame navigated to another origin since: its old window, and our listeners, are gone.
    }
  }

  // The hot path: one call per event, no allocation, no timer. Mouse moves have their own handler
  // so that other events skip the position check.
  readonly #onInput = (event: Event): void => {
    if (event.isTrusted) this.#input();
  };

  /** Some devices and browsers send moves (mouse or pointer) of zero distance (e.g. on layout changes): not the user. */
  readonly #onMove = (event: Event): void => {
    if (!event.isTrusted) return;
    const { screenX, screenY } = event as MouseEvent;
    if (screenX === this.#x && screenY === this.#y) return;
    this.#x = screenX;
    this.#y = screenY;
    this.#input();
  };

  #input(): void {
    const at = (this.#lastInput = this.#page.lastInput = this.#now());
    // A clock set back (at before the last call) must not silence the calls for the size of the step.
    if (at - this.#notifiedAt >= ACTIVE_EVERY || at < this.#notifiedAt) {
      this.#notifiedAt = at;
      this.sink.active?.(at);
    }
  }

  readonly #onLifecycle = (event: Event): void => {
    this.sink.reevaluate(event);
  };
}
