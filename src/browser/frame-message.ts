/**
 * The message a page in a frame posts to its parent on its user's input (`session-timeout-element/frame`
 * sends it, the element's `frame-origins` decides whether to believe it): versioned, and saying only
 * that input happened.
 *
 * @module
 */

/** The `type` of the message a framed page posts on its user's input. */
export const FRAME_ACTIVITY = 'session-timeout-element:activity';
/** The message format's version: a parent ignores versions it does not know. */
export const FRAME_ACTIVITY_VERSION = 1;

/** What a framed page posts to its parent: only that trusted input happened, nothing about it. */
export interface FrameActivityMessage {
  type: typeof FRAME_ACTIVITY;
  v: typeof FRAME_ACTIVITY_VERSION;
}

/** Whether `data` is a {@link FrameActivityMessage} of a version this parent knows. */
export function isFrameActivity(data: unknown): data is FrameActivityMessage {
  const message = data as Partial<FrameActivityMessage> | null;
  return typeof message == 'object' && message?.type === FRAME_ACTIVITY && message.v === FRAME_ACTIVITY_VERSION;
}
