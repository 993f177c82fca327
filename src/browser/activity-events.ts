/**
 * What counts as input, and how often it is reported: shared by the activity tracker and by the
 * frame module (a page in a cross-origin frame loads only this, not the tracker).
 *
 * @module
 */

/** Ms between two `ActivitySink.active` calls while input goes on. */
export const ACTIVE_EVERY = 1000;

/**
 * Input that counts as the user being there. `scroll` is caught in the capture phase (it does not bubble).
 *
 * Moves are heard as `mousemove`, not `pointermove`: on a page without pointer listeners Chromium
 * dispatches no `pointermove` at all, and listening to it would make every mouse move create and
 * dispatch a second event. A pen's hover still arrives as `mousemove` (the primary pointer's
 * compatibility events); touch and pen contact arrive as `touchstart` and `pointerdown`.
 */
export const ACTIVITY_EVENTS = ['mousemove', 'pointerdown', 'keydown', 'wheel', 'scroll', 'touchstart'] as const;
