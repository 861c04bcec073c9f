'use client'

import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'
import {
  ArrowLeftIcon,
  ChevronDownIcon,
  ChevronUpIcon,
  ExternalLinkIcon,
  XIcon,
} from 'lucide-react'
import { Button } from '@/components/ui/button'
import { DetailSection } from '@/components/events/detail/detail-section'
import { EventFacts } from '@/components/events/detail/event-facts'
import { EventIds } from '@/components/events/detail/event-ids'
import { HeadersTable } from '@/components/events/detail/headers-table'
import { RawBody } from '@/components/events/detail/raw-body'
import { JsonTree } from '@/components/events/json-tree'
import { DeliveryBadges } from '@/components/events/verdict-badge'
import { Skeleton } from '@/components/ui/skeleton'
import type { EventDetail } from '@/lib/events/types'

async function fetchDetail(id: number): Promise<EventDetail | null> {
  const res = await fetch(`/api/events/${id}`, { cache: 'no-store' })
  if (res.status === 404) return null
  if (!res.ok) throw new Error(`GET /api/events/${id} answered ${res.status}`)
  return ((await res.json()) as { event: EventDetail }).event
}

function parsedBody(event: EventDetail): unknown {
  if (event.parseStatus !== 'ok') return undefined
  try {
    return event.bodyText === null ? event.payload : (JSON.parse(event.bodyText) as unknown)
  } catch {
    return event.payload
  }
}

/**
 * The selected delivery beside the list (full screen on a phone), built from the detail page's
 * own sections; `/events/<id>` stays the permalink.
 */
export function DeliveryPane({
  id,
  onClose,
  onPrevious,
  onNext,
}: {
  id: number
  onClose: () => void
  onPrevious?: () => void
  onNext?: () => void
}) {
  const {
    data: event,
    isPending,
    isError,
    refetch,
  } = useQuery({
    queryKey: ['events', 'detail', id],
    queryFn: () => fetchDetail(id),
    staleTime: Infinity,
  })
  const parsed = event ? parsedBody(event) : undefined
  return (
    <aside
      aria-label={`Delivery #${id}`}
      data-testid="delivery-pane"
      className="fixed inset-0 z-50 flex min-w-0 flex-col overflow-hidden bg-background lg:sticky lg:top-16 lg:z-auto lg:h-[calc(100dvh-5rem)] lg:rounded-lg lg:border lg:bg-card lg:shadow-sm"
    >
      <div className="flex items-center gap-1 border-b px-2 py-2">
        <Button variant="ghost" size="sm" onClick={onClose} className="lg:hidden">
          <ArrowLeftIcon /> Back to the list
        </Button>
        <span className="hidden px-2 font-mono text-xs text-muted-foreground lg:inline">
          Delivery #{id}
        </span>
        <div className="ml-auto flex items-center gap-1">
          {[
            { label: 'Previous', key: 'k', Icon: ChevronUpIcon, go: onPrevious },
            { label: 'Next', key: 'j', Icon: ChevronDownIcon, go: onNext },
          ].map(({ label, key, Icon, go }) => (
            <Button
              key={key}
              variant="ghost"
              size="icon"
              aria-label={`${label} delivery (${key})`}
              title={`${label} (${key})`}
              disabled={!go}
              onClick={go}
            >
              <Icon />
            </Button>
          ))}
          <Button variant="ghost" size="icon" asChild>
            <Link href={`/events/${id}`} aria-label="Open the full page" title="Open the full page">
              <ExternalLinkIcon />
            </Link>
          </Button>
          <Button
            variant="ghost"
            size="icon"
            aria-label="Close (Esc)"
            title="Close (Esc)"
            onClick={onClose}
            className="hidden lg:inline-flex"
          >
            <XIcon />
          </Button>
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-4" data-testid="delivery-pane-body">
        {isPending ? (
          <div className="flex flex-col gap-3" aria-busy="true">
            <Skeleton className="h-6 w-2/3" />
            <Skeleton className="h-40 w-full" />
          </div>
        ) : isError ? (
          <p role="alert" className="flex items-center gap-2 text-sm text-destructive">
            This delivery could not be loaded.
            <Button variant="outline" size="sm" onClick={() => void refetch()}>
              Retry
            </Button>
          </p>
        ) : event === null || event === undefined ? (
          <p className="text-sm text-muted-foreground">
            This delivery is no longer stored (the log was cleared or it aged out).
          </p>
        ) : (
          <div className="flex flex-col gap-4">
            <div className="min-w-0">
              <h2 className="font-mono text-lg font-semibold break-all">
                {event.eventType ?? <span className="text-muted-foreground">(no event type)</span>}
              </h2>
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <DeliveryBadges event={event} />
              </div>
            </div>
            <EventFacts event={event} />
            <DetailSection
              id="pane-payload-title"
              title="Payload"
              description={
                parsed === undefined ? 'The body is not JSON; see the raw body below.' : undefined
              }
            >
              {parsed !== undefined ? (
                <div className="overflow-auto rounded-md border bg-muted/40 p-3">
                  <JsonTree value={parsed} />
                </div>
              ) : null}
            </DetailSection>
            <DetailSection id="pane-ids-title" title="Event data">
              <EventIds payload={event.payload} />
            </DetailSection>
            <DetailSection id="pane-headers-title" title="Headers">
              <HeadersTable headers={event.headers} />
            </DetailSection>
            <DetailSection id="pane-raw-title" title="Raw body">
              <RawBody text={event.bodyText} base64={event.bodyBase64} />
            </DetailSection>
          </div>
        )}
      </div>
    </aside>
  )
}
