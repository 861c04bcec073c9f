'use client'

import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * False in the server render and until React has attached handlers. Controls that only work
 * with JavaScript stay disabled until then, so early input is not silently dropped.
 */
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
