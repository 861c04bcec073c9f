'use client'

import { useEffect, useState, useTransition } from 'react'
import { usePathname, useRouter } from 'next/navigation'
import { SearchIcon, XIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { MultiSelect } from '@/components/ui/multi-select'
import { Select, SelectOptions } from '@/components/ui/select'
import { useHydrated } from '@/components/use-hydrated'
import { KNOWN_EVENT_TYPES, PROVIDER_LABELS, VERDICT_LABELS } from '@/lib/events/format'
import { cn } from '@/lib/utils'
import { eventsHref } from '@/lib/events/events-href'
import { MoreFilters, type EndpointOption } from './more-filters'
import { TimeChip } from './time-chip'
import {
  VERDICTS,
  filtersToSearchParams,
  hasActiveFilters,
  listOf,
  type EventFilters,
  type HistogramRange,
  rangeParam,
} from '@/lib/validations/event-filters'

/** The view's filters, kept in the URL so a view can be shared and survives reloads. */
export function FilterBar({
  filters,
  range,
  endpoints = [],
}: {
  filters: EventFilters
  range: HistogramRange
  endpoints?: EndpointOption[]
}) {
  const router = useRouter()
  const pathname = usePathname()
  const [pendingNav, startTransition] = useTransition()
  const hydrated = useHydrated()
  const [text, setText] = useState(filters.q ?? '')
  // When the URL changes from elsewhere (a chart bar, "Clear filters", back), follow it without
  // remounting, so typing keeps its focus across the search's own URL updates.
  // Our own search updates are skipped, or a slow navigation would undo newer keystrokes.
  const [seenQ, setSeenQ] = useState(filters.q)
  const [sentQ, setSentQ] = useState(filters.q)
  if (seenQ !== filters.q) {
    setSeenQ(filters.q)
    if (filters.q !== sentQ) {
      setSentQ(filters.q)
      setText(filters.q ?? '')
    }
  }

  const go = (next: EventFilters, mode: 'push' | 'replace' = 'push') => {
    setSentQ(next.q)
    const params = filtersToSearchParams(next, { range: rangeParam(range) })
    const href = eventsHref(params, pathname)
    startTransition(() =>
      mode === 'push'
        ? router.push(href, { scroll: false })
        : router.replace(href, { scroll: false }),
    )
  }

  // Typing searches after a short pause; the URL is replaced, not pushed, per keystroke.
  useEffect(() => {
    if ((filters.q ?? '') === text) return
    const timer = setTimeout(() => go({ ...filters, q: text || undefined }, 'replace'), 400)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text should restart the timer
  }, [text])

  const custom = filters.from || filters.to
  // A type from a shared link or the API that the console does not know still shows, ticked.
  const types = [
    ...listOf(filters.type).filter((t) => !(KNOWN_EVENT_TYPES as readonly string[]).includes(t)),
    ...KNOWN_EVENT_TYPES,
  ]

  return (
    <form
      role="search"
      aria-label="Filter deliveries"
      aria-busy={pendingNav}
      onSubmit={(e) => {
        e.preventDefault()
        go({ ...filters, q: text || undefined })
      }}
      className={cn(
        'grid grid-cols-2 gap-2 sm:flex sm:flex-row sm:flex-wrap sm:items-center',
        pendingNav && 'opacity-80',
      )}
    >
      <div className="relative col-span-2 min-w-0 flex-1 sm:min-w-56">
        <SearchIcon
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden
        />
        <Input
          type="search"
          aria-label="Search payloads"
          placeholder="Search payloads and bodies…"
          value={text}
          disabled={!hydrated}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          className="pl-8"
        />
      </div>
      <Select
        disabled={!hydrated}
        aria-label="Provider"
        className="w-full px-2.5 sm:w-auto sm:max-w-52"
        value={filters.provider ?? ''}
        onChange={(e) => go({ ...filters, provider: e.target.value || undefined })}
      >
        <option value="">All providers</option>
        <SelectOptions options={Object.entries(PROVIDER_LABELS)} />
      </Select>
      <MultiSelect
        label="Event type"
        disabled={!hydrated}
        options={types.map((t) => ({ value: t, label: t }))}
        value={listOf(filters.type)}
        onChange={(next) => go({ ...filters, type: next.join(',') || undefined })}
        allLabel="All event types"
        countLabel={(n) => `${n} types`}
      />
      <MultiSelect
        label="Signature verdict"
        disabled={!hydrated}
        options={VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }))}
        value={listOf(filters.verdict)}
        onChange={(next) => go({ ...filters, verdict: next.join(',') || undefined })}
        allLabel="All verdicts"
        countLabel={(n) => `${n} verdicts`}
      />
      <MoreFilters filters={filters} endpoints={endpoints} disabled={!hydrated} go={go} />
      {/* The time window itself is the chart's control; a picked bar shows here, removable. */}
      {custom ? (
        <TimeChip
          from={filters.from}
          to={filters.to}
          onRemove={() => go({ ...filters, from: undefined, to: undefined })}
        />
      ) : null}
      {hasActiveFilters(filters) ? (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() => {
            setText('')
            go({})
          }}
        >
          <XIcon /> Clear filters
        </Button>
      ) : null}
    </form>
  )
}
