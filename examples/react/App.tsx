// React 19 with TypeScript: one type-only import types <session-timeout> in JSX.
import type {} from 'session-timeout-element/react';
// Registers the element before React first renders it, so camelCase props (pingRequest) are set as
// properties. Safe in server rendering too: the import does nothing there.
import 'session-timeout-element';
import type { SessionTimeoutElement } from 'session-timeout-element';
import { useRef, useState, type FormEvent } from 'react';

export function App() {
  // The read-only properties, through a ref: how long the user has been idle, in any tab.
  const timeout = useRef<SessionTimeoutElement>(null);
  const [left, setLeft] = useState<number | null>(null);
  return (
    <>
      <session-timeout
        ref={timeout}
        warn-after={840}
        expire-after="900"
        ping-url="/session/ping"
        redirect-url="/login?reason=idle"
        extend-on-activity
        pingRequest={{ headers: { 'X-CSRF-Token': 'token' } }}
        onsession-timeout-warn={(event) => console.log(`${event.remaining} s left (${event.reason})`)}
        // With unsaved work the element keeps the page, hidden, until the same user signs in again.
        onsession-timeout-expire={(event) => console.log(`signed out (${event.reason}), work kept: ${event.unsavedWork}`)}
        // Each second while the warning is open; then the server's word and this tab's part in the keep-alive.
        onsession-timeout-tick={(event) => setLeft(Math.ceil(event.remaining))}
        onsession-timeout-ping={(event) => console.log(`server: ${event.remaining} of ${event.expireAfter} s left`)}
        onsession-timeout-leader={(event) => console.log(event.leader ? 'this tab pings' : 'another tab pings')}
      >
        <span slot="extend-label">Keep working</span>
      </session-timeout>
      {left !== null && <p>{left} s left</p>}
      <button onClick={() => console.log(`idle ${timeout.current?.idleFor} s, since ${timeout.current?.lastActivity?.toLocaleTimeString()}, leader: ${timeout.current?.leader}`)}>
        How idle?
      </button>
      <Notes />
    </>
  );
}

/**
 * A controlled form, as React apps write them. Nothing to wire up: the element sees what the user
 * typed (React keeps `defaultValue` equal to `value`, so it goes by the user's own edits), and a form
 * emptied after saving holds no unsaved work.
 */
function Notes() {
  const [notes, setNotes] = useState('');
  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const response = await fetch('/api/notes', { method: 'POST', body: notes });
    if (response.ok) setNotes('');
  }
  return (
    <form onSubmit={save}>
      <label htmlFor="notes">Notes</label>
      <textarea id="notes" value={notes} onChange={(event) => setNotes(event.target.value)} />
      <button>Save</button>
    </form>
  );
}

// The typings catch mistakes; each line below must stay an error.
export const mistakes = [
  // @ts-expect-error durations are seconds, a number: not a boolean
  <session-timeout warn-after={true} />,
  // @ts-expect-error nor a string with a unit
  <session-timeout expire-after="15min" />,
  // @ts-expect-error React 19 listens to `onsession-timeout-expire` as written: a camelCase name would never fire
  <session-timeout onSessionTimeoutExpire={() => {}} />,
  // @ts-expect-error the expire event has a `reason`, not a `remaining`
  <session-timeout onsession-timeout-expire={(event) => event.remaining} />,
  // @ts-expect-error `state` is read-only
  <session-timeout state="active" />,
  // @ts-expect-error so is `leader`: the tabs elect it
  <session-timeout leader />,
  // @ts-expect-error the tick event has `remaining`, not `leader`
  <session-timeout onsession-timeout-tick={(event) => event.leader} />,
  // @ts-expect-error kebab case only: server rendering would write an attribute `warnAfter`, which the element does not observe
  <session-timeout warnAfter={840} />,
  // @ts-expect-error the same for every property that has an attribute
  <session-timeout pingUrl="/session/ping" />,
];
