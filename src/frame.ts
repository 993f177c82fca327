/**
 * `session-timeout-element/frame`: load it in a page shown in a cross-origin frame
 * (`<script type="module" src=".../frame.js">`, nothing to call), and the user's input there keeps
 * the parent's session alive, once the parent's `<session-timeout frame-origins="…">` lists this
 * page's origin. Same-origin frames need nothing: the parent hears them directly.
 *
 * Only trusted input counts (not script-dispatched events), and at most one message a second is
 * posted: {@link FrameActivityMessage}, which says only that input happened. Its target origin is
 * `*` because it carries nothing secret, and the parent decides whom to believe.
 *
 * @module
 */
import { ACTIVE_EVERY, ACTIVITY_EVENTS } from './browser/activity-events.js';
import { FRAME_ACTIVITY, FRAME_ACTIVITY_VERSION, type FrameActivityMessage } from './browser/frame-message.js';

export type { FrameActivityMessage };

const message: FrameActivityMessage = { type: FRAME_ACTIVITY, v: FRAME_ACTIVITY_VERSION };
/** `performance.now()` of the last message: a monotonic clock, so a clock set back never silences it. */
let postedAt = -Infinity;
let x = NaN;
let y = NaN;

function onInput(event: Event): void {
  if (!event.isTrusted) return;
  if (event.type == 'mousemove') {
    // Zero-distance moves (layout changes) are not the user.
    const { screenX, screenY } = event as MouseEvent;
    if (screenX === x && screenY === y) return;
    [x, y] = [screenX, screenY];
  }
  const now = performance.now();
  if (now - postedAt < ACTIVE_EVERY) return;
  postedAt = now;
  window.parent.postMessage(message, '*');
}

// Only in a frame: a top-level page has no parent to tell.
if (window.parent !== window) {
  for (const type of ACTIVITY_EVENTS) addEventListener(type, onInput, { passive: true, capture: true });
}
