'use client'

import { useEffect, useState } from 'react'
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
  const [q, setQ] = useState(params.get('q') ?? '')
  const event = params.get('event') ?? ''

  const apply = (next: Record<string, string>) => {
    // From the address as it is now: the debounced text update may fire after another change.
    const search = new URLSearchParams(window.location.search)
    for (const [key, value] of Object.entries(next)) {
      if (value) search.set(key, value)
      else search.delete(key)
    }
    const query = search.toString()
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false })
  }

  // Typing updates the URL after a short pause rather than on every key.
  useEffect(() => {
    if (q === (params.get('q') ?? '')) return
    const timer = setTimeout(() => apply({ q }), 250)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text should trigger this
  }, [q])

  return (
    <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center">
      <div className="relative flex-1">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
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
        onChange={(e) => apply({ event: e.target.value })}
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
            apply({ q: '', event: '' })
          }}
        >
          <XIcon /> Clear
        </Button>
      ) : null}
    </div>
  )
}
