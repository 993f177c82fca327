// Checked with the example: every event of the element (SessionTimeoutEventMap) has its typed
// `on<event>` prop in the React typings, so a new event cannot be forgotten there.
import type { SessionTimeoutEventMap } from 'session-timeout-element';
import type { SessionTimeoutElementReactProps } from 'session-timeout-element/react';

type Listeners = { [Name in keyof SessionTimeoutEventMap as `on${Name}`]: (event: SessionTimeoutEventMap[Name]) => void };
type Typed = Required<Pick<SessionTimeoutElementReactProps, keyof Listeners>>;

export const everyEventTyped: [Typed, Listeners] extends [Listeners, Typed] ? true : false = true;
