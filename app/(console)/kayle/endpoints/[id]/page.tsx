import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ArrowLeftIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Fact } from '@/components/fact'
import { PageHeader } from '@/components/page-header'
import { ProviderErrorPanel } from '@/components/provider-error'
import { RelativeTime } from '@/components/relative-time'
import { EventChips } from '@/components/provider/event-chips'
import { KayleEndpointControls } from '@/components/kayle/kayle-endpoint-controls'
import { KayleEndpointForm } from '@/components/kayle/kayle-endpoint-form'
import { EnabledBadge } from '@/components/kayle/kayle-endpoints-table'
import { KayleKeys } from '@/components/kayle/kayle-keys'
import { KayleSecret } from '@/components/kayle/kayle-secret'
import { requireUser } from '@/lib/auth/current'
import { isKayleSandbox } from '@/lib/kayle'
import { loadKayleEndpoint } from '@/lib/kayle/endpoints'
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
  const back = (
    <Button asChild variant="ghost" size="sm" className="mb-4 -ml-2">
      <Link href="/kayle/endpoints">
        <ArrowLeftIcon /> Kayle endpoints
      </Link>
    </Button>
  )
  if (!loaded.ok) {
    if (loaded.error.kind === 'not_found') notFound()
    return (
      <>
        {back}
        <ProviderErrorPanel
          provider="Kayle"
          error={loaded.error}
          retryHref={`/kayle/endpoints/${encodeURIComponent(id)}`}
        />
      </>
    )
  }
  const { endpoint, keys } = loaded.data
  return (
    <div className="max-w-3xl">
      {back}
      <PageHeader
        title={endpoint.name ?? 'Unnamed endpoint'}
        description={<span className="font-mono break-all">{endpoint.url}</span>}
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardContent className="grid grid-cols-1 gap-4 pt-5 sm:grid-cols-2">
            <dl className="contents">
              <Fact label="Endpoint ID">
                <span className="font-mono">{endpoint.id}</span>
              </Fact>
              <Fact label="Status">
                <span className="flex flex-wrap items-center gap-2">
                  <EnabledBadge enabled={endpoint.enabled} />
                  {endpoint.disabledAt ? (
                    <span className="text-xs text-muted-foreground">
                      since <RelativeTime value={endpoint.disabledAt} />
                    </span>
                  ) : null}
                </span>
              </Fact>
              <Fact label="Created">
                <RelativeTime value={endpoint.createdAt || null} />
              </Fact>
              <Fact label="Undelivered payloads kept">
                {endpoint.undeliveredPayloadRetentionHours} hours
              </Fact>
              <Fact label="Events">
                <EventChips events={endpoint.subscribedEventTypes} max={4} />
              </Fact>
              <Fact label="Signing secret">
                {canEdit ? (
                  <KayleSecret endpointId={endpoint.id} />
                ) : (
                  <span className="text-muted-foreground">Visible to admins only</span>
                )}
              </Fact>
            </dl>
          </CardContent>
        </Card>
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
            <Card>
              <CardHeader>
                <CardTitle>Settings</CardTitle>
                <CardDescription>Only the fields you change are sent to Kayle.</CardDescription>
              </CardHeader>
              <CardContent>
                <KayleEndpointForm receiverUrl={receiver} endpoint={endpoint} />
              </CardContent>
            </Card>
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
