'use client'

import { useSyncExternalStore } from 'react'

// One shared clock for every relative time on the page, ticking every 10 s.
let now = Date.now()
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined

function subscribe(listener: () => void) {
  listeners.add(listener)
  // After an idle spell the last tick can be long past: a row added since would read as "in the future".
  if (!timer) now = Date.now()
  timer ??= setInterval(() => {
    now = Date.now()
    listeners.forEach((l) => l())
  }, 10_000)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/** The current time in the browser; null during server rendering and hydration. */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  )
}
