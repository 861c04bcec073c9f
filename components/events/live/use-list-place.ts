'use client'

import { useEffect, useRef, type RefObject } from 'react'
import type { Virtualizer } from '@tanstack/react-virtual'
import type { EventSummary } from '@/lib/events/types'
import { listSearch, recallListPlace, rememberListPlace } from './list-place'

/**
 * Keeps the log's place for "All events" and Back: the row at the top of the view, not a pixel
 * offset (rows change height with the list's width). Coming back, older pages load until that
 * row is there, then it goes to the top again; the person's own scrolling ends the search.
 */
export function useListPlace({
  scrollRef,
  rows,
  hasNextPage,
  virtualizer,
}: {
  scrollRef: RefObject<HTMLDivElement | null>
  rows: EventSummary[]
  hasNextPage: boolean
  virtualizer: Virtualizer<HTMLDivElement, Element>
}) {
  const restoreRef = useRef<number | null>(null)
  useEffect(() => {
    const place = recallListPlace()
    if (place && place.search === listSearch()) restoreRef.current = place.anchorId
    else rememberListPlace({ search: listSearch(), anchorId: null })
  }, [])
  useEffect(() => {
    const anchor = restoreRef.current
    const el = scrollRef.current
    if (anchor === null || !el) return
    const index = rows.findIndex((r) => r.id === anchor)
    if (index >= 0) {
      restoreRef.current = null
      virtualizer.scrollToIndex(index, { align: 'start' })
    } else if (hasNextPage) el.scrollTop = el.scrollHeight
    else restoreRef.current = null
  }, [rows, hasNextPage, virtualizer, scrollRef])

  return {
    /** On scroll: remember the row now at the top (unless still restoring). */
    keepPlace: () => {
      const el = scrollRef.current
      if (restoreRef.current !== null || !el) return
      const top = virtualizer.getVirtualItems().find((item) => item.end > el.scrollTop + 1)
      const anchorId = top && el.scrollTop > 0 ? (rows[top.index]?.id ?? null) : null
      rememberListPlace({ search: listSearch(), anchorId })
    },
    stopRestoring: () => {
      restoreRef.current = null
    },
  }
}
