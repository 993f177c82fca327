import type {} from 'session-timeout-element/react'   // types <session-timeout> in JSX
import 'session-timeout-element'                       // registers it (and does nothing on a server)

export function SessionGuard({ csrfToken }: { csrfToken: string }) {
  return (
    <session-timeout
      warn-after={840} expire-after={900} ping-url="/session/ping" redirect-url="/login"
      pingRequest={{ headers: { 'X-CSRF-Token': csrfToken } }}
      onsession-timeout-expire={(event) => console.info('signed out:', event.reason)}
    />
  )
}
