'use client'

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowUpIcon, PauseIcon, PlayIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import type { EventSummary } from '@/lib/events/types'
import type { EventFilters } from '@/lib/validations/event-filters'
import { ConnectionStatus } from './connection-status'
import { EventLogEmpty, type ReceiverState } from './event-log-empty'
import { EventRow, ROW_GRID } from './event-row'
import { useEventPages, type EventPage } from './live/use-event-pages'
import { useLiveEvents } from './live/use-live-events'
import { announceDeliveries } from './live/delivery-signal'
import { useListPlace } from './live/use-list-place'
import { CompareBar } from './compare/compare-bar'
import { DeliveryPane } from './split/delivery-pane'
import { ResizeHandle, usePaneWidth } from './split/resize-handle'
import { ShortcutsHelp } from './split/shortcuts-help'
import { useInspectorKeys } from './split/use-inspector-keys'

const AT_TOP_PX = 8

// Live rows can arrive out of order (a catch-up answering after the stream): keep them sorted.
function mergeNewest(incoming: EventSummary[], existing: EventSummary[]) {
  const seen = new Set(existing.map((e) => e.id))
  return [...incoming.filter((e) => !seen.has(e.id)), ...existing].sort((a, b) => b.id - a.id)
}

/** The live, virtualized list of deliveries: newest first, older pages on scroll. */
export function EventLog({
  filters,
  initial,
  startAfter,
  filtered,
  receiver,
  selected: initialSelected,
}: {
  filters: EventFilters
  initial: EventPage
  startAfter: number
  filtered: boolean
  receiver?: ReceiverState
  /** `?selected=<id>`: the delivery open beside the list. */
  selected?: number
}) {
  const pages = useEventPages({ filters, initial, startAfter })
  const [live, setLive] = useState<EventSummary[]>([])
  const [pending, setPending] = useState<EventSummary[]>([])
  const [paused, setPaused] = useState(false)
  const [fresh, setFresh] = useState<Set<number>>(new Set())
  const scrollRef = useRef<HTMLDivElement>(null)
  const holdRef = useRef(false)

  const rows = useMemo(() => {
    const older = pages.data.pages.flatMap((p) => p.events)
    const liveIds = new Set(live.map((e) => e.id))
    return [...live, ...older.filter((e) => !liveIds.has(e.id))]
  }, [live, pages.data])

  const show = useCallback((incoming: EventSummary[]) => {
    setLive((current) => mergeNewest(incoming, current))
    const ids = incoming.map((e) => e.id)
    setFresh((current) => new Set([...current, ...ids]))
    setTimeout(
      () => setFresh((current) => new Set([...current].filter((id) => !ids.includes(id)))),
      2000,
    )
  }, [])

  const onEvents = useCallback(
    (incoming: EventSummary[]) => {
      announceDeliveries(incoming)
      // Scrolled away or paused: count arrivals instead of moving the rows under the reader.
      if (holdRef.current) setPending((current) => mergeNewest(incoming, current))
      else show(incoming)
    },
    [show],
  )
  const state = useLiveEvents({ filters, startAfter, onEvents })

  const flush = useCallback(() => {
    setPending((current) => {
      if (current.length > 0) show(current)
      return []
    })
  }, [show])

  const updateHold = useCallback(
    (nextPaused: boolean) => {
      const away = (scrollRef.current?.scrollTop ?? 0) > AT_TOP_PX
      holdRef.current = nextPaused || away
      if (!holdRef.current) flush()
    },
    [flush],
  )

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer drives its own re-renders
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  })
  const items = virtualizer.getVirtualItems()

  // ---- selection (split view) and keyboard ---------------------------------------------------
  const [selectedId, setSelectedId] = useState<number | null>(initialSelected ?? null)
  const [focusIndex, setFocusIndex] = useState<number | null>(null)
  const [help, setHelp] = useState(false)
  // Two ticked rows open the comparison; the older one is A.
  const [picked, setPicked] = useState<number[]>([])
  const pick = (id: number, on: boolean) =>
    setPicked((current) =>
      on ? [...current.filter((p) => p !== id), id].slice(-2) : current.filter((p) => p !== id),
    )
  const [paneWidth, setPaneWidth] = usePaneWidth()
  // The address follows the selection, so a view can be shared; opening pushes a history entry
  // (Back closes it again, the list untouched underneath), moving between rows replaces it.
  const select = useCallback((id: number | null, how: 'push' | 'replace') => {
    setSelectedId(id)
    const url = new URL(window.location.href)
    if (id === null) url.searchParams.delete('selected')
    else url.searchParams.set('selected', String(id))
    window.history[how === 'push' ? 'pushState' : 'replaceState'](window.history.state, '', url)
  }, [])
  useEffect(() => {
    const onPop = () => {
      const id = Number(new URL(window.location.href).searchParams.get('selected'))
      setSelectedId(Number.isInteger(id) && id > 0 ? id : null)
    }
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId)
  const focusRow = useCallback(
    (index: number) => {
      setFocusIndex(index)
      virtualizer.scrollToIndex(index, { align: 'auto' })
      // The row may only exist once the virtualizer has rendered it.
      requestAnimationFrame(() =>
        scrollRef.current
          ?.querySelector<HTMLElement>(`[data-index="${index}"] [data-row-link]`)
          ?.focus({ preventScroll: true }),
      )
    },
    [virtualizer],
  )
  const step = (by: 1 | -1) => {
    const from = focusIndex ?? (selectedIndex >= 0 ? selectedIndex : by === 1 ? -1 : 0)
    const index = Math.min(Math.max(from + by, 0), rows.length - 1)
    const row = rows[index]
    if (!row) return
    focusRow(index)
    if (selectedId !== null) select(row.id, 'replace')
  }
  useInspectorKeys({
    move: step,
    open: () => {
      const row = focusIndex === null ? undefined : rows[focusIndex]
      if (row) select(row.id, selectedId === null ? 'push' : 'replace')
    },
    close: () => {
      if (selectedId !== null) select(null, 'replace')
    },
    search: () =>
      document.querySelector<HTMLInputElement>('input[aria-label="Search payloads"]')?.focus(),
    help: () => setHelp(true),
  })
  const neighbour = (by: 1 | -1) => {
    const row = selectedIndex >= 0 ? rows[selectedIndex + by] : undefined
    return row ? () => (focusRow(selectedIndex + by), select(row.id, 'replace')) : undefined
  }
  const lastIndex = items[items.length - 1]?.index ?? 0

  const { keepPlace, stopRestoring } = useListPlace({
    scrollRef,
    rows,
    hasNextPage: pages.hasNextPage,
    virtualizer,
  })

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = pages
  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !isFetchNextPageError &&
      lastIndex >= rows.length - 10
    )
      void fetchNextPage()
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage])

  // Set by the pill; once the held rows are in the DOM the list goes to its top (see below).
  const [toTop, setToTop] = useState(0)
  const sectionRef = useRef<HTMLElement>(null)
  useLayoutEffect(() => {
    if (toTop === 0) return
    // After the commit, not before it: scrolling first and inserting rows afterwards let the
    // virtualizer's stale offset (and the browser's scroll anchoring) move the view back down,
    // leaving the new rows above it.
    virtualizer.scrollToOffset(0)
    if (scrollRef.current) scrollRef.current.scrollTop = 0
    const top = sectionRef.current?.getBoundingClientRect().top ?? 0
    if (top < 0) sectionRef.current?.scrollIntoView({ block: 'start' })
  }, [toTop, virtualizer])

  const showPending = () => {
    // Showing them is an explicit "catch me up": it also ends a pause.
    setPaused(false)
    holdRef.current = false
    flush()
    setToTop((n) => n + 1)
  }

  const log = (
    <section
      ref={sectionRef}
      id="deliveries"
      // The target of the page's "Skip to the deliveries" link: focus lands here, one Tab before the rows.
      tabIndex={-1}
      aria-label="Deliveries"
      className="@container flex min-w-0 scroll-mt-16 flex-col overflow-hidden rounded-lg border bg-card shadow-sm focus:outline-none"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b px-4 py-2.5">
        <div className="flex items-center gap-3">
          <ConnectionStatus state={state} paused={paused} />
          <span className="text-xs text-muted-foreground" data-testid="row-count">
            {rows.length.toLocaleString('en')} shown{hasNextPage ? ', more below' : ''}
          </span>
        </div>
        <Button
          variant="outline"
          size="sm"
          aria-pressed={paused}
          onClick={() => {
            setPaused(!paused)
            updateHold(!paused)
          }}
        >
          {paused ? <PlayIcon /> : <PauseIcon />}
          {paused ? 'Resume' : 'Pause'}
        </Button>
      </div>
      {rows.length > 0 ? (
        <div
          className={`hidden border-b bg-muted/40 px-4 py-2 text-xs font-medium text-muted-foreground ${ROW_GRID}`}
          aria-hidden
          data-testid="column-header"
        >
          <span>Event</span>
          <span className="text-right">Size</span>
          <span>Source</span>
          <span className="text-right">Received</span>
          <span />
        </div>
      ) : null}
      <div className="relative">
        {pending.length > 0 ? (
          <div className="pointer-events-none absolute inset-x-0 top-3 z-20 flex justify-center">
            <Button
              size="sm"
              className="pointer-events-auto rounded-full shadow-md"
              onClick={showPending}
            >
              <ArrowUpIcon /> {pending.length} new{' '}
              {pending.length === 1 ? 'delivery' : 'deliveries'}
            </Button>
          </div>
        ) : null}
        {rows.length === 0 ? (
          <EventLogEmpty filtered={filtered} receiver={receiver} />
        ) : (
          <div
            ref={scrollRef}
            data-testid="event-scroller"
            onScroll={() => {
              updateHold(paused)
              keepPlace()
            }}
            onWheel={stopRestoring}
            onTouchMove={stopRestoring}
            className="h-[calc(100dvh-8.5rem)] min-h-80 overflow-y-auto overscroll-contain [overflow-anchor:none]"
          >
            <div
              role="list"
              aria-label="Deliveries, newest first"
              className="relative w-full"
              style={{ height: virtualizer.getTotalSize() }}
            >
              {items.map((item) => {
                const event = rows[item.index]
                if (!event) return null
                return (
                  <div
                    key={item.key}
                    role="listitem"
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="absolute inset-x-0 top-0"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <EventRow
                      event={event}
                      fresh={fresh.has(event.id)}
                      selected={event.id === selectedId}
                      focused={item.index === focusIndex}
                      picked={picked.includes(event.id)}
                      onPick={(on) => pick(event.id, on)}
                      onSelect={() => {
                        setFocusIndex(item.index)
                        select(event.id, selectedId === null ? 'push' : 'replace')
                      }}
                    />
                  </div>
                )
              })}
            </div>
            {isFetchingNextPage ? (
              <p className="py-3 text-center text-xs text-muted-foreground">
                Loading older deliveries…
              </p>
            ) : null}
            {isFetchNextPageError && !isFetchingNextPage ? (
              <p
                role="alert"
                className="flex items-center justify-center gap-2 py-3 text-xs text-destructive"
              >
                Could not load older deliveries.
                <Button variant="outline" size="sm" onClick={() => void fetchNextPage()}>
                  Retry
                </Button>
              </p>
            ) : null}
            {!hasNextPage && rows.length > 20 ? (
              <p className="py-3 text-center text-xs text-muted-foreground">
                That is every delivery in this view.
              </p>
            ) : null}
          </div>
        )}
      </div>
      <CompareBar picked={picked} onClear={() => setPicked([])} />
    </section>
  )
  return (
    <>
      {selectedId === null ? (
        log
      ) : (
        <div
          className="min-w-0 lg:grid lg:items-start lg:gap-1"
          style={{ gridTemplateColumns: `minmax(0,1fr) auto ${paneWidth}px` }}
        >
          {log}
          <ResizeHandle width={paneWidth} onResize={setPaneWidth} />
          <DeliveryPane
            key={selectedId}
            id={selectedId}
            onClose={() => select(null, 'replace')}
            onPrevious={neighbour(-1)}
            onNext={neighbour(1)}
          />
        </div>
      )}
      <ShortcutsHelp open={help} onOpenChange={setHelp} />
    </>
  )
}
