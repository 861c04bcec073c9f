'use client'

import { useTheme } from 'next-themes'
import { Toaster as Sonner } from 'sonner'

/** Toasts that follow the console's light or dark theme. */
export function Toaster() {
  const { resolvedTheme } = useTheme()
  return (
    <Sonner
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      closeButton
      position="bottom-right"
      toastOptions={{ className: 'font-sans' }}
    />
  )
}
