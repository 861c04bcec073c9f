import type { Metadata } from 'next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Fact } from '@/components/fact'
import { RelativeTime } from '@/components/relative-time'
import { BackLink } from '@/components/provider/back-link'
import { DetailHeader } from '@/components/provider/detail-header'
import { DetailFailure } from '@/components/provider/detail-failure'
import { EndpointFacts } from '@/components/provider/endpoint-facts'
import { EndpointSettingsCard } from '@/components/provider/endpoint-settings-card'
import { EventChips } from '@/components/provider/event-chips'
import { KayleEndpointControls } from '@/components/kayle/kayle-endpoint-controls'
import { KayleEndpointForm } from '@/components/kayle/kayle-endpoint-form'
import { EnabledBadge } from '@/components/kayle/kayle-endpoints-table'
import { KayleKeys } from '@/components/kayle/kayle-keys'
import { KayleSecret } from '@/components/kayle/kayle-secret'
import { requireUser } from '@/lib/auth/current'
import { isKayleSandbox } from '@/lib/providers/kayle'
import { loadKayleEndpoint } from '@/lib/providers/kayle/endpoints'
import { PROVIDERS } from '@/lib/providers/catalog'
import { KAYLE_RECEIVER_PATH, receiverUrl } from '@/lib/webhooks/receiver-url'

export const metadata: Metadata = { title: 'Kayle endpoint' }

export default async function KayleEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser()
  const id = decodeURIComponent((await params).id)
  const [loaded, receiver] = await Promise.all([
    loadKayleEndpoint(id),
    receiverUrl(KAYLE_RECEIVER_PATH),
  ])
  const canEdit = user.role === 'admin'
  const back = <BackLink href="/kayle/endpoints">Kayle endpoints</BackLink>
  const here = `/kayle/endpoints/${encodeURIComponent(id)}`
  if (!loaded.ok)
    return <DetailFailure provider="kayle" back={back} error={loaded.error} retryHref={here} />
  const { endpoint, keys } = loaded.data
  return (
    <div className="max-w-3xl">
      <DetailHeader
        back={back}
        title={endpoint.name ?? 'Unnamed endpoint'}
        subtitle={endpoint.url}
      />
      <div className="flex flex-col gap-6">
        <EndpointFacts
          id={endpoint.id}
          status={
            <span className="flex flex-wrap items-center gap-2">
              <EnabledBadge enabled={endpoint.enabled} />
              {endpoint.disabledAt ? (
                <span className="text-xs text-muted-foreground">
                  since <RelativeTime value={endpoint.disabledAt} />
                </span>
              ) : null}
            </span>
          }
          createdAt={endpoint.createdAt || null}
          secret={canEdit ? <KayleSecret endpointId={endpoint.id} /> : null}
        >
          <Fact label="Undelivered payloads kept">
            {endpoint.undeliveredPayloadRetentionHours} hours
          </Fact>
          <Fact label="Events">
            <EventChips events={endpoint.subscribedEventTypes} max={4} />
          </Fact>
        </EndpointFacts>
        <Card>
          <CardHeader>
            <CardTitle>Encryption keys</CardTitle>
            <CardDescription>
              Kayle encrypts each delivery (JWE, RSA-OAEP-256) for the endpoint’s active key; the
              receiver decrypts it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <KayleKeys endpointId={endpoint.id} keys={keys} canEdit={canEdit} />
          </CardContent>
        </Card>
        {canEdit ? (
          <>
            <EndpointSettingsCard provider={PROVIDERS.kayle.label}>
              <KayleEndpointForm receiverUrl={receiver} endpoint={endpoint} />
            </EndpointSettingsCard>
            <Card>
              <CardHeader>
                <CardTitle>Actions</CardTitle>
              </CardHeader>
              <CardContent>
                <KayleEndpointControls
                  endpointId={endpoint.id}
                  url={endpoint.url}
                  enabled={endpoint.enabled}
                  sandbox={isKayleSandbox()}
                />
              </CardContent>
            </Card>
          </>
        ) : null}
      </div>
    </div>
  )
}
