'use client'

import { useQuery } from '@tanstack/react-query'
import type { HistogramBucket } from '@/lib/events/queries'
import { filtersToSearchParams, type EventFilters, type HistogramRange } from '@/lib/validations/event-filters'
import { DeliveryChart } from './delivery-chart'

const REFRESH_MS = 15_000

/** The server-rendered chart, refreshed in the background so new deliveries show up in it too. */
export function LiveDeliveryChart({
  buckets,
  range,
  filters,
  renderedAt,
}: {
  buckets: HistogramBucket[]
  range: HistogramRange
  filters: EventFilters
  /** Changes with every server render, so fresh server data replaces the cached chart. */
  renderedAt: number
}) {
  const query = filtersToSearchParams(filters, { range }).toString()
  const { data } = useQuery({
    queryKey: ['events', 'histogram', query, renderedAt],
    queryFn: async () => {
      const res = await fetch(`/api/events/histogram?${query}`, { cache: 'no-store' })
      if (!res.ok) throw new Error(`GET /api/events/histogram answered ${res.status}`)
      return ((await res.json()) as { buckets: HistogramBucket[] }).buckets
    },
    initialData: buckets,
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS,
  })
  return <DeliveryChart buckets={data} range={range} filters={filters} />
}
