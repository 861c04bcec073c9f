'use client'

import { useState, type KeyboardEvent } from 'react'

const STEPS: Record<string, (index: number, count: number) => number> = {
  ArrowLeft: (i) => i - 1,
  ArrowUp: (i) => i - 1,
  ArrowRight: (i) => i + 1,
  ArrowDown: (i) => i + 1,
  Home: () => 0,
  End: (_, count) => count - 1,
}

/**
 * One Tab stop for a row of many controls (a roving tabindex): Tab reaches the current one, the
 * arrow keys, Home and End move between them, and the rest of the page stays a few Tabs away.
 * `preferred` is where focus lands first (the picked item, else the latest one worth opening).
 */
export function useRovingFocus(count: number, preferred: number) {
  const [moved, setMoved] = useState<number | null>(null)
  const active = Math.min(Math.max(moved ?? preferred, 0), Math.max(count - 1, 0))
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const step = STEPS[e.key]
    if (!step || e.altKey || e.ctrlKey || e.metaKey) return
    e.preventDefault()
    const next = Math.min(Math.max(step(active, count), 0), count - 1)
    setMoved(next)
    e.currentTarget.querySelectorAll<HTMLElement>('[data-roving-item]')[next]?.focus()
  }
  return {
    onKeyDown,
    /** Spread on item `index`: its tab stop, and focus (a click too) makes it the current one. */
    item: (index: number) => ({
      tabIndex: index === active ? 0 : -1,
      'data-roving-item': '',
      onFocus: () => setMoved(index),
    }),
  }
}
