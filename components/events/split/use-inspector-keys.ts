'use client'

import { useEffect, useRef } from 'react'

export interface InspectorKeys {
  move: (by: 1 | -1) => void
  open: () => void
  close: () => void
  search: () => void
  help: () => void
}

function typing(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * The log's keys: j/k or the arrows move, Enter opens, / searches, Esc closes, ? lists them.
 * Never while typing in a field, and never with Ctrl, Alt or Cmd held (those are the browser's).
 */
export function useInspectorKeys(keys: InspectorKeys) {
  const ref = useRef(keys)
  useEffect(() => {
    ref.current = keys
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return
      // A dialog (the help, a confirmation) owns the keyboard while it is open.
      if (document.querySelector('[role="dialog"]')) return
      const k = ref.current
      const onControl =
        e.target instanceof HTMLElement &&
        e.target.closest('button, a, [role="tab"]') &&
        !e.target.closest('[data-testid="event-row"]')
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          if (e.key === 'ArrowDown' && onControl) return
          e.preventDefault()
          k.move(1)
          break
        case 'k':
        case 'ArrowUp':
          if (e.key === 'ArrowUp' && onControl) return
          e.preventDefault()
          k.move(-1)
          break
        case 'Enter':
          if (onControl) return
          e.preventDefault()
          k.open()
          break
        case 'Escape':
          k.close()
          break
        case '/':
          e.preventDefault()
          k.search()
          break
        case '?':
          e.preventDefault()
          k.help()
          break
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
}
