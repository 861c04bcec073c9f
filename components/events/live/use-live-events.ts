'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { STREAM_END_EVENT } from '@/lib/events/stream-limit'
import { STREAM_EVENT, type EventSummary } from '@/lib/events/types'
import {
  filtersToSearchParams,
  hasActiveFilters,
  type EventFilters,
} from '@/lib/validations/event-filters'

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'polling'

export const POLL_INTERVAL_MS = 3000
// After this many errors without a successful open, the stream counts as unavailable: fewer
// when it never opened at all (missing or blocked), more when it was working a moment ago.
const MAX_FAILURES_NEVER_OPENED = 2
const MAX_FAILURES_AFTER_OPEN = 5
// While polling, try the stream again now and then: the server may have come back.
const STREAM_RETRY_MS = 30_000

async function fetchAfter(after: number, filters: EventFilters): Promise<EventSummary[]> {
  const res = await fetch(`/api/events?${filtersToSearchParams(filters, { after, limit: 200 })}`, {
    cache: 'no-store',
  })
  if (!res.ok) throw new Error(`GET /api/events answered ${res.status}`)
  return ((await res.json()) as { events: EventSummary[] }).events
}

/**
 * Delivers rows newer than `startAfter` that match `filters`, oldest first, to `onEvents`.
 * Listens on the SSE stream (EventSource resumes with Last-Event-ID by itself); when the stream
 * keeps failing or does not exist, polls `GET /api/events?after=` instead. Filtered views use the
 * stream only as a wake-up and ask the server which new rows match, so the server's filter
 * semantics (free text included) hold for live rows too.
 */
export function useLiveEvents({
  filters,
  startAfter,
  onEvents,
}: {
  filters: EventFilters
  startAfter: number
  onEvents: (rows: EventSummary[]) => void
}): ConnectionState {
  const [mode, setMode] = useState<'stream' | 'polling'>('stream')
  const [streamState, setStreamState] = useState<'connecting' | 'live' | 'reconnecting'>(
    'connecting',
  )
  // Rows up to `cursor` are known to have been asked of the server (the catch-up position);
  // `seen` stops a row that comes both from the stream and from a catch-up showing twice.
  const cursor = useRef(startAfter)
  const seen = useRef(new Set<number>())
  // True once a catch-up has run since the stream (re)opened: from then on the stream's own ids
  // are contiguous with what the server answered, and may advance the cursor.
  const joined = useRef(false)
  const onEventsRef = useRef(onEvents)
  const filtersRef = useRef(filters)
  useEffect(() => {
    onEventsRef.current = onEvents
    filtersRef.current = filters
  })

  const deliver = useCallback(
    (rows: EventSummary[], advance: boolean) => {
      const fresh = rows.filter((r) => r.id > startAfter && !seen.current.has(r.id))
      for (const r of fresh) seen.current.add(r.id)
      const last = rows[rows.length - 1]
      if (advance && last && last.id > cursor.current) cursor.current = last.id
      if (fresh.length > 0) onEventsRef.current(fresh)
    },
    [startAfter],
  )

  // One catch-up at a time; asking during one makes it run once more before it resolves.
  const catchUp = useRef<{ running: Promise<void> | null; again: boolean }>({
    running: null,
    again: false,
  })
  const runCatchUp = useCallback((): Promise<void> => {
    const state = catchUp.current
    if (state.running) {
      state.again = true
      return state.running
    }
    state.running = (async () => {
      try {
        do {
          state.again = false
          let rows: EventSummary[]
          do {
            rows = await fetchAfter(cursor.current, filtersRef.current)
            deliver(rows, true)
          } while (rows.length === 200)
        } while (state.again)
      } catch {
        // The next wake-up, reconnect or poll tries again.
      } finally {
        state.running = null
      }
    })()
    return state.running
  }, [deliver])

  useEffect(() => {
    if (mode !== 'stream') return
    const source = new EventSource('/api/events/stream')
    let failures = 0
    let opened = false
    // Set by the server's notice that it ends this stream on schedule (before the host's time
    // limit): the drop that follows is expected, and EventSource comes back at once with
    // Last-Event-ID, so the status stays "Live".
    let endedOnSchedule = false
    source.onopen = () => {
      failures = 0
      opened = true
      endedOnSchedule = false
      setStreamState('live')
      // Covers rows stored between the page render (or the drop) and this connection.
      joined.current = false
      void runCatchUp().then(() => {
        joined.current = true
      })
    }
    source.addEventListener(STREAM_EVENT, (message) => {
      if (hasActiveFilters(filtersRef.current)) return void runCatchUp()
      try {
        deliver(
          [JSON.parse((message as MessageEvent<string>).data) as EventSummary],
          joined.current,
        )
      } catch {
        void runCatchUp()
      }
    })
    source.addEventListener(STREAM_END_EVENT, () => {
      endedOnSchedule = true
    })
    source.onerror = () => {
      joined.current = false
      if (endedOnSchedule && source.readyState === EventSource.CONNECTING) {
        endedOnSchedule = false
        return
      }
      failures++
      if (
        source.readyState === EventSource.CLOSED ||
        failures >= (opened ? MAX_FAILURES_AFTER_OPEN : MAX_FAILURES_NEVER_OPENED)
      ) {
        source.close()
        setMode('polling')
      } else {
        setStreamState('reconnecting')
      }
    }
    return () => source.close()
  }, [mode, deliver, runCatchUp])

  useEffect(() => {
    if (mode !== 'polling') return
    const timer = setTimeout(() => {
      setStreamState('connecting')
      setMode('stream')
    }, STREAM_RETRY_MS)
    return () => clearTimeout(timer)
  }, [mode])

  useQuery({
    queryKey: ['events', 'poll', startAfter, filtersToSearchParams(filters).toString()],
    queryFn: async () => {
      await runCatchUp()
      return cursor.current
    },
    enabled: mode === 'polling',
    refetchInterval: POLL_INTERVAL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
    gcTime: 0,
  })

  return mode === 'polling' ? 'polling' : streamState
}
