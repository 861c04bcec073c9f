'use client'

import { useInfiniteQuery } from '@tanstack/react-query'
import type { EventSummary } from '@/lib/events/types'
import { filtersToSearchParams, type EventFilters } from '@/lib/validations/event-filters'

export interface EventPage {
  events: EventSummary[]
  nextCursor: number | null
}

/** Older rows, page by page below the first (server-rendered) page; keyset on id. */
export function useEventPages({
  filters,
  initial,
  startAfter,
}: {
  filters: EventFilters
  initial: EventPage
  startAfter: number
}) {
  const filterKey = filtersToSearchParams(filters).toString()
  return useInfiniteQuery({
    // startAfter changes whenever the server renders again (new rows, cleared log): a fresh list.
    queryKey: ['events', 'pages', filterKey, startAfter],
    queryFn: async ({ pageParam }): Promise<EventPage> => {
      const res = await fetch(
        `/api/events?${filtersToSearchParams(filters, { before: pageParam ?? undefined, limit: 50 })}`,
      )
      if (!res.ok) throw new Error(`GET /api/events answered ${res.status}`)
      return (await res.json()) as EventPage
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [null] },
    staleTime: Infinity,
  })
}
