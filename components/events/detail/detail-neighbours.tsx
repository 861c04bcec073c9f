'use client'

import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ChevronLeftIcon, ChevronRightIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { recallListPlace } from '@/components/events/live/list-place'
import type { EventSummary } from '@/lib/events/types'

// Previous / next within the log's current filter (the one "All events" returns to): the list is
// newest first, so "previous" is the next newer delivery and "next" the next older one.

async function neighbour(id: number, search: string, side: 'after' | 'before') {
  const params = new URLSearchParams(search)
  params.set(side, String(id))
  params.set('limit', '1')
  const res = await fetch(`/api/events?${params}`, { cache: 'no-store' })
  if (!res.ok) return null
  const { events } = (await res.json()) as { events: EventSummary[] }
  return events[0]?.id ?? null
}

function Step({ target, dir }: { target: number | null | undefined; dir: 'Previous' | 'Next' }) {
  const content =
    dir === 'Previous' ? (
      <>
        <ChevronLeftIcon /> Previous
      </>
    ) : (
      <>
        Next <ChevronRightIcon />
      </>
    )
  if (!target)
    return (
      <Button variant="outline" size="sm" disabled>
        {content}
      </Button>
    )
  return (
    <Button variant="outline" size="sm" asChild>
      <Link href={`/events/${target}`} aria-label={`${dir} delivery (#${target})`}>
        {content}
      </Link>
    </Button>
  )
}

export function DetailNeighbours({ id }: { id: number }) {
  const { data } = useQuery({
    queryKey: ['events', 'neighbours', id],
    queryFn: async () => {
      const search = recallListPlace()?.search ?? ''
      const [newer, older] = await Promise.all([
        neighbour(id, search, 'after'),
        neighbour(id, search, 'before'),
      ])
      return { newer, older, search }
    },
  })
  return (
    <div className="flex items-center gap-2" data-testid="detail-neighbours">
      <Step target={data?.newer} dir="Previous" />
      <Step target={data?.older} dir="Next" />
      {data?.search ? (
        <span className="hidden text-xs text-muted-foreground sm:inline">
          in the current filter
        </span>
      ) : null}
    </div>
  )
}
