// One Kayle event (GET /v1/webhooks/events/{id}): its fields, its deliveries and a replay.
import type { Metadata } from 'next'
import { InboxIcon } from 'lucide-react'
import { Card, CardContent } from '@/components/ui/card'
import { EmptyState } from '@/components/empty-state'
import { Fact } from '@/components/fact'
import { RelativeTime } from '@/components/relative-time'
import { BackLink } from '@/components/provider/back-link'
import { DetailHeader } from '@/components/provider/detail-header'
import { DetailFailure } from '@/components/provider/detail-failure'
import { KayleDeliveriesTable } from '@/components/kayle/kayle-deliveries-table'
import { KayleModeNote } from '@/components/kayle/kayle-mode-note'
import { kayleEventHref } from '@/components/kayle/kayle-paths'
import { KayleReplayButton } from '@/components/kayle/kayle-replay-button'
import { requireUser } from '@/lib/auth/current'
import { isKayleSandbox } from '@/lib/providers/kayle'
import { loadKayleEvent } from '@/lib/providers/kayle/endpoints'

export const metadata: Metadata = { title: 'Kayle event' }

export default async function KayleEventPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser()
  const id = decodeURIComponent((await params).id)
  const here = kayleEventHref(id)
  const loaded = await loadKayleEvent(id)
  const back = <BackLink href="/kayle/events">Kayle events</BackLink>
  if (!loaded.ok)
    return <DetailFailure provider="kayle" back={back} error={loaded.error} retryHref={here} />
  const { event, deliveries, names } = loaded.data
  return (
    <>
      <DetailHeader
        back={back}
        title={event.type}
        subtitle={event.id}
        actions={user.role === 'admin' ? <KayleReplayButton eventId={event.id} /> : null}
      />
      <KayleModeNote sandbox={isKayleSandbox()} />
      <Card className="mb-6">
        <CardContent className="grid grid-cols-1 gap-4 pt-5 sm:grid-cols-2 lg:grid-cols-4">
          <dl className="contents">
            <Fact label="Event ID">
              <span className="font-mono text-xs">{event.id}</span>
            </Fact>
            <Fact label="Created">
              <RelativeTime value={event.createdAt || null} />
            </Fact>
            <Fact label="Trigger">
              <span className="font-mono text-xs">{event.triggerType}</span>
            </Fact>
            <Fact label="Trigger ID">
              <span className="font-mono text-xs">{event.triggerId}</span>
            </Fact>
          </dl>
        </CardContent>
      </Card>
      <h2 className="mb-3 text-lg font-semibold">Deliveries</h2>
      {deliveries.length === 0 ? (
        <EmptyState icon={InboxIcon} title="No deliveries for this event">
          Kayle makes one delivery per endpoint subscribed to the event’s type when it fires.
        </EmptyState>
      ) : (
        <KayleDeliveriesTable
          deliveries={deliveries}
          endpointNames={names}
          canRetry={user.role === 'admin'}
        />
      )}
    </>
  )
}
