// Kayle's events: what Kayle emitted, each with its deliveries and a replay.
import type { Metadata } from 'next'
import Link from 'next/link'
import { InboxIcon } from 'lucide-react'
import { z } from 'zod'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { ProviderErrorPanel } from '@/components/provider-error'
import { RelativeTime } from '@/components/relative-time'
import { KayleModeNote } from '@/components/kayle/kayle-mode-note'
import { kayleEventHref } from '@/components/kayle/kayle-paths'
import { KayleReplayButton } from '@/components/kayle/kayle-replay-button'
import { requireUser } from '@/lib/auth/current'
import { isKayleSandbox } from '@/lib/providers/kayle'
import { loadKayleEvents } from '@/lib/providers/kayle/endpoints'

export const metadata: Metadata = { title: 'Kayle events' }

const paramsSchema = z.object({ after: z.string().trim().max(200).optional().catch(undefined) })

export default async function KayleEventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { after } = paramsSchema.parse(await searchParams)
  // The session first: an unauthorized request must not even spend the team's key.
  const user = await requireUser()
  const events = await loadKayleEvents(after)
  return (
    <>
      <PageHeader
        title="Kayle events"
        description="Each event Kayle emitted, the deliveries it made for it, and a way to send it again."
      />
      <KayleModeNote sandbox={isKayleSandbox()} />
      {!events.ok ? (
        <ProviderErrorPanel provider="Kayle" error={events.error} retryHref="/kayle/events" />
      ) : events.data.items.length === 0 ? (
        <EmptyState icon={InboxIcon} title="No Kayle events yet">
          Events appear here when a verification session reaches a final state.
        </EmptyState>
      ) : (
        <>
          <ul className="divide-y rounded-lg border bg-card shadow-sm" aria-label="Kayle events">
            {events.data.items.map((e) => (
              <li
                key={e.id}
                className="flex flex-wrap items-center gap-3 p-4 text-sm"
                data-testid="kayle-event-row"
              >
                {/* A line of its own on a phone: beside the buttons the event type broke mid-word. */}
                <div className="min-w-0 basis-full sm:flex-1 sm:basis-0">
                  <Link
                    href={kayleEventHref(e.id)}
                    className="font-mono text-xs font-medium break-words text-primary underline-offset-4 hover:underline"
                  >
                    {e.type}
                  </Link>
                  <p className="mt-1 font-mono text-xs break-all text-muted-foreground">{e.id}</p>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {e.deliveries.length} deliver{e.deliveries.length === 1 ? 'y' : 'ies'} ·{' '}
                    <RelativeTime value={e.createdAt || null} />
                  </p>
                </div>
                <Button asChild variant="ghost" size="sm">
                  <Link href={`/kayle/deliveries?event=${encodeURIComponent(e.id)}`}>
                    Deliveries
                  </Link>
                </Button>
                {user.role === 'admin' ? <KayleReplayButton eventId={e.id} /> : null}
              </li>
            ))}
          </ul>
          {events.data.hasMore && events.data.nextCursor ? (
            <div className="mt-4 flex justify-end">
              <Button asChild variant="outline">
                <Link href={`/kayle/events?after=${encodeURIComponent(events.data.nextCursor)}`}>
                  Next
                </Link>
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  )
}
