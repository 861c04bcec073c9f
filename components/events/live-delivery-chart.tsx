'use client'

import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { HistogramBucket } from '@/lib/events/queries'
import type { EventSummary } from '@/lib/events/types'
import {
  filtersToSearchParams,
  type EventFilters,
  type HistogramRange,
} from '@/lib/validations/event-filters'
import { DeliveryChart } from './delivery-chart'
import { useDeliverySignal } from './live/delivery-signal'

// The server's counts are re-read now and then; in between, arrivals are counted as they come.
const REFRESH_MS = 30_000

/** Adds arrivals to the bucket they fall in; answers null when one falls past the last bucket (time moved on). */
export function countArrivals(
  buckets: HistogramBucket[],
  rows: EventSummary[],
): HistogramBucket[] | null {
  const next = buckets.map((b) => ({ ...b, counts: { ...b.counts } }))
  for (const row of rows) {
    const at = Date.parse(row.receivedAt)
    const bucket = next.find((b) => Date.parse(b.start) <= at && at < Date.parse(b.end))
    if (!bucket) {
      if (at >= Date.parse(next.at(-1)?.end ?? '')) return null
      continue
    }
    bucket.total++
    bucket.counts[row.verdict]++
  }
  return next
}

/** The server-rendered chart, kept live: the log's arrivals are counted at once, the server re-read in the background. */
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
  const client = useQueryClient()
  const query = filtersToSearchParams(filters, { range }).toString()
  const queryKey = ['events', 'histogram', query, renderedAt]
  const { data } = useQuery({
    queryKey,
    queryFn: async () => {
      const res = await fetch(`/api/events/histogram?${query}`, { cache: 'no-store' })
      if (!res.ok) throw new Error(`GET /api/events/histogram answered ${res.status}`)
      return ((await res.json()) as { buckets: HistogramBucket[] }).buckets
    },
    initialData: buckets,
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS,
  })
  useDeliverySignal((rows) => {
    const counted = countArrivals(client.getQueryData<HistogramBucket[]>(queryKey) ?? data, rows)
    if (counted) client.setQueryData(queryKey, counted)
    else void client.invalidateQueries({ queryKey })
  })
  return <DeliveryChart buckets={data} range={range} filters={filters} />
}
