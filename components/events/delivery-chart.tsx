'use client'

import Link from 'next/link'
import { useLocalZone } from '@/components/use-local-zone'
import { bucketLabelOf, formatBucket, zoneName, type BucketLabel } from '@/lib/events/format'
import type { HistogramBucket } from '@/lib/events/queries'
import type { Verdict } from '@/lib/events/types'
import { cn } from '@/lib/utils'
import { useRovingFocus } from './use-roving-focus'
import {
  filtersToSearchParams,
  rangeParam,
  type EventFilters,
  type HistogramRange,
  type SinceWindow,
} from '@/lib/validations/event-filters'

// Stacked from the bottom: verified, then no secret, unsigned, invalid on top (the ones to notice).
const STACK: { verdict: Verdict; className: string; label: string }[] = [
  { verdict: 'verified', className: 'bg-success', label: 'verified' },
  { verdict: 'no_secret', className: 'bg-muted-foreground/60', label: 'no secret' },
  { verdict: 'unsigned', className: 'bg-warning', label: 'unsigned' },
  { verdict: 'invalid', className: 'bg-destructive', label: 'invalid' },
]
const RANGE_NAMES: Record<HistogramRange, string> = {
  quarter: 'the last 15 minutes',
  hour: 'the last hour',
  day: 'the last 24 hours',
  week: 'the last 7 days',
  all: 'all time',
}

/**
 * The one time control of the page: it sets the list's window (`since`) and the chart's span
 * (`range`) together, so the two always show the same period.
 */
export const TIME_WINDOWS: { label: string; since?: SinceWindow; range: HistogramRange }[] = [
  { label: '1h', since: '1h', range: 'hour' },
  { label: '24h', since: '24h', range: 'day' },
  { label: '7d', since: '7d', range: 'week' },
  { label: 'All', range: 'all' },
]
/** "13:00–13:10 GMT-5 (18:00–18:10 UTC): 3 deliveries (2 verified, 1 invalid)", or UTC alone. */
function describe(bucket: HistogramBucket, label: BucketLabel, zone: string | null) {
  const parts = STACK.filter((s) => bucket.counts[s.verdict] > 0).map(
    (s) => `${bucket.counts[s.verdict]} ${s.label}`,
  )
  const between = (timeZone: string) =>
    `${formatBucket(bucket.start, label, timeZone)}–${formatBucket(bucket.end, label, timeZone)}`
  const utc = `${between('UTC')} UTC`
  const span = zone ? `${between(zone)} ${zoneName(bucket.start, zone)} (${utc})` : utc
  return `${span}: ${bucket.total} ${bucket.total === 1 ? 'delivery' : 'deliveries'}${parts.length ? ` (${parts.join(', ')})` : ''}`
}

/** Deliveries over time as plain divs; each bar is a link that narrows the list to its interval. */
export function DeliveryChart({
  buckets,
  range,
  filters,
}: {
  buckets: HistogramBucket[]
  range: HistogramRange
  filters: EventFilters
}) {
  const max = Math.max(1, ...buckets.map((b) => b.total))
  const total = buckets.reduce((n, b) => n + b.total, 0)
  const windowHref = (w: (typeof TIME_WINDOWS)[number]) =>
    `/events?${filtersToSearchParams({ ...filters, since: w.since, from: undefined, to: undefined }, { range: rangeParam(w.range) })}`
  const picked = filters.from || filters.to
  const current = (w: (typeof TIME_WINDOWS)[number]) =>
    !picked && (filters.since === w.since || (w.since === undefined && !filters.since))
  const selected = (b: HistogramBucket) => filters.from === b.start && filters.to === b.end
  // The bars are one Tab stop: Tab lands on the picked bar (else the latest with deliveries), the
  // arrow keys move along them, Enter opens one, so the list is not 30 Tabs further on.
  const latest = buckets.findLastIndex((b) => b.total > 0)
  const pickedBar = buckets.findIndex(selected)
  const roving = useRovingFocus(
    buckets.length,
    pickedBar >= 0 ? pickedBar : latest >= 0 ? latest : buckets.length - 1,
  )
  const labelEvery = Math.ceil(buckets.length / 6)
  // The labels read in the person's own zone once the browser takes over; UTC until then.
  const zone = useLocalZone()
  const first = buckets[0]
  const last = buckets.at(-1)
  const label = bucketLabelOf(
    first ? Date.parse(first.end) - Date.parse(first.start) : 0,
    first && last ? Date.parse(last.end) - Date.parse(first.start) : 0,
  )
  return (
    <section
      aria-labelledby="chart-title"
      className="rounded-lg border bg-card px-4 py-3 shadow-sm"
    >
      <div className="mb-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-2">
          <h2 id="chart-title" className="text-sm font-semibold">
            Deliveries over time
          </h2>
          <p className="text-xs text-muted-foreground" data-testid="chart-total">
            {total.toLocaleString('en')} in {RANGE_NAMES[range]}. Click a bar to see its deliveries
            <span id="chart-keys" className="sr-only">
              {' '}
              (on the bars, the arrow keys move from one to the next and Enter opens it)
            </span>
            .
          </p>
        </div>
        <nav aria-label="Chart range" className="inline-flex rounded-md border p-0.5">
          {TIME_WINDOWS.map((w) => (
            <Link
              key={w.label}
              href={windowHref(w)}
              scroll={false}
              aria-current={current(w) ? 'true' : undefined}
              className={cn(
                'rounded px-2.5 py-1 text-xs font-medium text-muted-foreground hover:text-foreground',
                current(w) && 'bg-muted text-foreground shadow-sm',
              )}
            >
              {w.label}
            </Link>
          ))}
        </nav>
      </div>
      <div className="relative">
        {total === 0 ? (
          <p className="absolute inset-0 grid place-items-center text-xs text-muted-foreground">
            No deliveries in this period.
          </p>
        ) : null}
        <ol
          className="flex h-14 items-end gap-[2px] sm:gap-1"
          aria-label={`Deliveries per interval, ${RANGE_NAMES[range]}`}
          aria-describedby="chart-keys"
          onKeyDown={roving.onKeyDown}
        >
          {buckets.map((b, i) => (
            <li key={b.start} className="flex h-full min-w-0 flex-1">
              <Link
                {...roving.item(i)}
                href={`/events?${filtersToSearchParams({ ...filters, since: undefined, from: b.start, to: b.end }, { range: rangeParam(range) })}`}
                scroll={false}
                title={describe(b, label, zone)}
                aria-label={describe(b, label, zone)}
                aria-current={selected(b) ? 'true' : undefined}
                data-testid="chart-bar"
                data-total={b.total}
                className={cn(
                  'group flex h-full w-full flex-col justify-end rounded-sm hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
                  selected(b) && 'bg-accent ring-1 ring-primary',
                )}
              >
                <span
                  className="flex w-full flex-col-reverse overflow-hidden rounded-sm"
                  style={{ height: `${(b.total / max) * 100}%` }}
                >
                  {STACK.map((s) =>
                    b.counts[s.verdict] > 0 ? (
                      <span
                        key={s.verdict}
                        className={cn('w-full group-hover:opacity-80', s.className)}
                        style={{ height: `${(b.counts[s.verdict] / b.total) * 100}%` }}
                      />
                    ) : null,
                  )}
                </span>
                {b.total === 0 ? <span className="h-px w-full bg-border" /> : null}
              </Link>
            </li>
          ))}
        </ol>
      </div>
      {/* The same columns as the bars, so each label starts under the bar it names. */}
      <div
        className="mt-1 flex gap-[2px] text-[11px] text-muted-foreground tabular-nums sm:gap-1"
        aria-hidden
      >
        {buckets.map((b, i) => (
          <span
            key={b.start}
            className={cn(
              'min-w-0 flex-1 overflow-visible whitespace-nowrap',
              // A weekday and time is wider than four bars on a phone: every other one there.
              label !== 'time' && (i / labelEvery) % 2 === 1 && 'max-sm:invisible',
            )}
            data-testid={i % labelEvery === 0 ? 'chart-label' : undefined}
          >
            {i % labelEvery === 0 ? formatBucket(b.start, label, zone ?? 'UTC') : ''}
          </span>
        ))}
      </div>
      {/* Hidden on a phone, where the log must start above the fold; each bar's label names the zone. */}
      <ul className="mt-1.5 hidden flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground sm:flex">
        {[...STACK].reverse().map((s) => (
          <li key={s.verdict} className="inline-flex items-center gap-1.5">
            <span className={cn('size-2.5 rounded-sm', s.className)} aria-hidden />
            {s.label}
          </li>
        ))}
        <li className="ml-auto" data-testid="chart-zone">
          Times in {zone && buckets[0] ? zoneName(buckets[0].start, zone) : 'UTC'}
        </li>
      </ul>
    </section>
  )
}
