'use client'

import { useHydrated } from './use-hydrated'

/**
 * The browser's own time zone once hydrated, for times shown in the person's zone with UTC beside
 * them; null in the server render and when the browser runs on UTC, where UTC alone is shown.
 */
export function useLocalZone(): string | null {
  const hydrated = useHydrated()
  if (!hydrated) return null
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return zone === 'UTC' || zone === 'Etc/UTC' ? null : zone
}
