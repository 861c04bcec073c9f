'use client'

import { useEffect, useRef } from 'react'
import type { EventSummary } from '@/lib/events/types'

// The log owns the live connection; the chart beside it hears of each arrival through this
// window event, so it counts a delivery the moment the log shows it instead of on its next poll.
const SIGNAL = 'konpro:deliveries'

export function announceDeliveries(rows: EventSummary[]) {
  if (rows.length > 0)
    window.dispatchEvent(new CustomEvent<EventSummary[]>(SIGNAL, { detail: rows }))
}

export function useDeliverySignal(onRows: (rows: EventSummary[]) => void) {
  const ref = useRef(onRows)
  useEffect(() => {
    ref.current = onRows
  })
  useEffect(() => {
    const listener = (e: Event) => ref.current((e as CustomEvent<EventSummary[]>).detail)
    window.addEventListener(SIGNAL, listener)
    return () => window.removeEventListener(SIGNAL, listener)
  }, [])
}
