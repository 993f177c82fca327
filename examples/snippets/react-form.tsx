import { useState } from 'react'
import type {} from 'session-timeout-element/react'   // types <session-timeout> in JSX
import 'session-timeout-element'                       // registers it (and does nothing on a server)

export function NoteEditor({ saved, onSave }: { saved: string; onSave: (text: string) => void }) {
  const [draft, setDraft] = useState(saved)
  return (
    <form onSubmit={(event) => { event.preventDefault(); onSave(draft) }}>
      <textarea value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button>Save</button>
      <session-timeout
        warn-after={840} expire-after={900} ping-url="/session/ping" redirect-url="/login"
        unsaved-changes={draft !== saved}
        onsession-timeout-expire={(event) => console.info('signed out:', event.reason)}
      />
    </form>
  )
}
