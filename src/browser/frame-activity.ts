/**
 * Activity in cross-origin frames, parent side: a framed page that loads
 * `session-timeout-element/frame` posts {@link FrameActivityMessage} on its user's input; the element
 * accepts it only from the origins listed in `frame-origins`, and only from a frame of this document.
 *
 * @module
 */
import { isFrameActivity } from './frame-message.js';
import { frameInput } from './activity.js';

export { FRAME_ACTIVITY, FRAME_ACTIVITY_VERSION, isFrameActivity, type FrameActivityMessage } from './frame-message.js';

/** `value` as an origin (`https://app.example:8443`), or `null` when it is not one (a path, `null`, a typo). */
export function parseOrigin(value: string): string | null {
  try {
    const { origin } = new URL(value);
    // `origin` of a URL with a path is its origin alone: only a bare origin (a trailing slash allowed) is one.
    return origin != 'null' && value.replace(/\/$/, '') == origin ? origin : null;
  } catch {
    return null;
  }
}

/** Whether `source` is the window of one of this document's frames. */
function isOwnFrame(source: MessageEventSource | null): boolean {
  for (let i = 0; i < window.length; i++) if (window[i] === source) return true;
  return false;
}

/**
 * Listens for frames' activity messages on this window while connected. A message counts when it is
 * trusted (posted by a window, not dispatched by a script), its origin is one of `origins()`, and it
 * comes from a frame of this document; it then counts as input for the page's activity trackers
 * whose target holds that frame. Anything else is ignored, and `log` hears why.
 */
export class FrameMessages {
  #connected = false;

  constructor(readonly options: { origins: () => readonly string[]; log?: (message: string) => void }) {}

  connect(): void {
    if (!this.#connected) addEventListener('message', this.#onMessage);
    this.#connected = true;
  }

  disconnect(): void {
    removeEventListener('message', this.#onMessage);
    this.#connected = false;
  }

  readonly #onMessage = (event: MessageEvent): void => {
    if (!isFrameActivity(event.data)) return;
    const { origins, log } = this.options;
    // Dispatched by a script of this page, not posted by a window: not a frame's word.
    if (!event.isTrusted) return;
    const listed = origins().some((origin) => parseOrigin(origin) === event.origin);
    // A same-origin frame that loads the module anyway: its input is already heard directly.
    if (!listed && event.origin == location.origin) return;
    const why = !listed ? 'not in frame-origins'
      : !isOwnFrame(event.source) ? 'not a frame of this page' : '';
    if (why) log?.(`ignored frame activity from ${event.origin}: ${why}`);
    else frameInput(event.source!);
  };
}
