'use client'

import { useEffect, useRef, useState } from 'react'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { SearchIcon, XIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { useHydrated } from '@/components/use-hydrated'

/** Text and event-type filters, kept in the URL so a filtered view can be shared. */
export function EndpointFilters({ eventTypes }: { eventTypes: string[] }) {
  const router = useRouter()
  const pathname = usePathname()
  const params = useSearchParams()
  const hydrated = useHydrated()
  // Both filters are held here, not read back from the address: a router.replace commits later, so
  // a debounced text update that read the address could undo an event type picked meanwhile.
  const [q, setQ] = useState(params.get('q') ?? '')
  const [event, setEvent] = useState(params.get('event') ?? '')
  const applied = useRef(`${q}\n${event}`)

  const apply = (nextQ: string, nextEvent: string) => {
    applied.current = `${nextQ}\n${nextEvent}`
    const search = new URLSearchParams(window.location.search)
    for (const [key, value] of [
      ['q', nextQ],
      ['event', nextEvent],
    ] as const) {
      if (value) search.set(key, value)
      else search.delete(key)
    }
    const query = search.toString()
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false })
  }

  // Typing updates the URL after a short pause rather than on every key.
  useEffect(() => {
    if (applied.current === `${q}\n${event}`) return
    const timer = setTimeout(() => apply(q, event), 250)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the filter values should trigger this
  }, [q, event])

  return (
    <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center">
      <div className="relative flex-1">
        <SearchIcon
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden
        />
        <Input
          type="search"
          aria-label="Filter endpoints"
          placeholder="Filter by URL, ID or event"
          className="pl-9"
          value={q}
          disabled={!hydrated}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <select
        aria-label="Event type"
        className="h-9 rounded-md border border-input bg-card px-3 text-sm shadow-sm sm:w-64"
        value={event}
        disabled={!hydrated}
        onChange={(e) => {
          setEvent(e.target.value)
          apply(q, e.target.value)
        }}
      >
        <option value="">Any event type</option>
        {eventTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {q || event ? (
        <Button
          variant="ghost"
          onClick={() => {
            setQ('')
            setEvent('')
            apply('', '')
          }}
        >
          <XIcon /> Clear
        </Button>
      ) : null}
    </div>
  )
}
