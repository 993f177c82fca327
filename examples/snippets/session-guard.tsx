'use client'
// app/session-guard.tsx: a client component, so the element is registered in the browser.
import type {} from 'session-timeout-element/react'
import 'session-timeout-element'   // safe while Next.js renders on the server: it does nothing there

export function SessionGuard() {
  return <session-timeout warn-after={840} expire-after={900} ping-url="/api/session/ping" redirect-url="/login" />
}
