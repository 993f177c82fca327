// app/layout.tsx: a server component may render the client component.
import type { ReactNode } from 'react'
import { SessionGuard } from './session-guard'

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <SessionGuard />
      </body>
    </html>
  )
}
