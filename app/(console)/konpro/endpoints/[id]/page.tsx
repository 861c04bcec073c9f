import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Fact } from '@/components/fact'
import { EndpointDangerZone } from '@/components/konpro/endpoint-danger-zone'
import { EndpointForm } from '@/components/konpro/endpoint-form'
import { EventTypesFallbackNote } from '@/components/konpro/event-types-fallback-note'
import { BackLink } from '@/components/provider/back-link'
import { DetailHeader } from '@/components/provider/detail-header'
import { DetailFailure } from '@/components/provider/detail-failure'
import { EndpointFacts } from '@/components/provider/endpoint-facts'
import { EndpointSettingsCard } from '@/components/provider/endpoint-settings-card'
import { EventChips, StatusBadge } from '@/components/provider/event-chips'
import { SecretReveal } from '@/components/konpro/secret-reveal'
import { EndpointHistoryView } from '@/components/konpro/endpoint-history'
import { EndpointTestSend } from '@/components/konpro/endpoint-test-send'
import { requireSession } from '@/lib/auth/current'
import { endpointReceipts } from '@/lib/events/queries'
import { isSandbox } from '@/lib/providers/konpro/mode'
import { sandboxEndpointHistory } from '@/lib/providers/konpro/sandbox/history'
import { samplePayload } from '@/lib/providers/konpro/sandbox/payloads'
import { loadEndpoints, loadEventTypes } from '@/lib/providers/konpro/endpoints'
import { PROVIDERS } from '@/lib/providers/catalog'
import { receiverUrl } from '@/lib/webhooks/receiver-url'

export const metadata: Metadata = { title: 'Endpoint' }

export default async function EndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id)
  // The session first: nothing is loaded (or asked of KonPro) for a caller without one.
  const { user, db } = await requireSession()
  const [endpoints, { types, fallback }, receiver, sandbox, received] = await Promise.all([
    loadEndpoints(),
    loadEventTypes(),
    receiverUrl(),
    isSandbox(),
    endpointReceipts(db, id),
  ])
  const canEdit = user.role === 'admin'
  const back = <BackLink href="/konpro/endpoints">All endpoints</BackLink>
  // The list failed, not the lookup: a 404 from it says nothing about this endpoint.
  if (!endpoints.ok)
    return (
      <DetailFailure
        provider="konpro"
        back={back}
        error={endpoints.error}
        retryHref={`/konpro/endpoints/${encodeURIComponent(id)}`}
        missingIsNotFound={false}
      />
    )
  const endpoint = endpoints.data.find((e) => e.id === id)
  if (!endpoint) notFound()
  const history = sandbox ? await sandboxEndpointHistory(db, endpoint.id) : null

  return (
    <div className="max-w-3xl">
      <DetailHeader
        back={back}
        title={canEdit ? 'Edit endpoint' : 'Endpoint'}
        subtitle={endpoint.url}
      />
      <div className="flex flex-col gap-6">
        <EndpointFacts
          id={endpoint.id}
          status={<StatusBadge status={endpoint.status} />}
          createdAt={endpoint.createdAt}
          secret={
            canEdit ? (
              <SecretReveal endpointId={endpoint.id} prefix={endpoint.secretPrefix} />
            ) : null
          }
          after={<Fact label="Owner">{endpoint.username || '—'}</Fact>}
        >
          <Fact label="Entity ID">
            {endpoint.entityId ? <span className="font-mono">{endpoint.entityId}</span> : '—'}
          </Fact>
        </EndpointFacts>
        <Card>
          <CardHeader>
            <CardTitle>Deliveries</CardTitle>
            <CardDescription>What this endpoint got, and how it answered.</CardDescription>
          </CardHeader>
          <CardContent>
            <EndpointHistoryView history={history} received={received} endpointId={endpoint.id} />
          </CardContent>
        </Card>
        {canEdit && sandbox ? (
          <Card>
            <CardHeader>
              <CardTitle>Send a test event</CardTitle>
              <CardDescription>
                The sandbox signs it with this endpoint’s secret and sends it here only.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <EndpointTestSend
                endpointId={endpoint.id}
                examples={Object.fromEntries(
                  types.map((t) => [t.eventType, samplePayload(t.eventType)]),
                )}
              />
            </CardContent>
          </Card>
        ) : null}
        {canEdit ? (
          <>
            <EndpointSettingsCard provider={PROVIDERS.konpro.label}>
              {fallback ? <EventTypesFallbackNote /> : null}
              <EndpointForm eventTypes={types} receiverUrl={receiver} endpoint={endpoint} />
            </EndpointSettingsCard>
            <EndpointDangerZone endpointId={endpoint.id} url={endpoint.url} />
          </>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>Events</CardTitle>
            </CardHeader>
            <CardContent>
              <EventChips events={endpoint.events} max={100} />
            </CardContent>
          </Card>
        )}
      </div>
    </div>
  )
}
