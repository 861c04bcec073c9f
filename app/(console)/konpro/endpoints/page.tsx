import type { Metadata } from 'next'
import Link from 'next/link'
import { SearchXIcon, WebhookIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'
import { ProviderErrorPanel } from '@/components/provider-error'
import { PageHeader } from '@/components/page-header'
import { AdminOnlyNotice, ViewerNote } from '@/components/shell/viewer-note'
import { CreateEndpointButton } from '@/components/provider/create-endpoint-button'
import { EndpointFilters } from '@/components/konpro/endpoint-filters'
import { EndpointsTable } from '@/components/konpro/endpoints-table'
import { SendTestEvent } from '@/components/konpro/send-test-event'
import { requireUser } from '@/lib/auth/current'
import { loadEndpoints, loadEventTypes } from '@/lib/providers/konpro/endpoints'
import { isSandbox } from '@/lib/providers/konpro/mode'
import { matchesFilters } from '@/lib/providers/konpro/public-endpoint'
import { endpointFiltersSchema } from '@/lib/validations/endpoint'

export const metadata: Metadata = { title: 'Endpoints' }

export default async function EndpointsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const params = await searchParams
  const filters = endpointFiltersSchema.parse(params)
  const user = await requireUser()
  const [endpoints, { types }, sandbox] = await Promise.all([
    loadEndpoints(),
    loadEventTypes(),
    isSandbox(),
  ])
  const canEdit = user.role === 'admin'
  const eventTypes = types.map((t) => t.eventType)
  const create = canEdit ? (
    <CreateEndpointButton href="/konpro/endpoints/new" />
  ) : (
    <ViewerNote>Only an admin can create endpoints, reveal secrets or send test events.</ViewerNote>
  )

  return (
    <>
      <PageHeader
        title="Endpoints"
        description="The URLs KonPro sends its webhooks to, and the events each one receives."
        actions={
          <>
            {canEdit && sandbox && endpoints.ok && endpoints.data.length ? (
              <SendTestEvent eventTypes={eventTypes} />
            ) : null}
            {create}
          </>
        }
      />
      {!canEdit && params.denied === 'admin' ? <AdminOnlyNotice /> : null}
      {!endpoints.ok ? (
        <ProviderErrorPanel error={endpoints.error} retryHref="/konpro/endpoints" />
      ) : endpoints.data.length === 0 ? (
        <EmptyState icon={WebhookIcon} title="No endpoints yet" action={canEdit ? create : null}>
          An endpoint is a URL KonPro calls when something happens, such as{' '}
          <code className="font-mono">avatar_video.success</code>.
          {canEdit
            ? ' Create one, or point one at this console’s own receiver to watch deliveries arrive in the Events log.'
            : ' An admin of this console can create one.'}
        </EmptyState>
      ) : (
        <>
          <EndpointFilters eventTypes={eventTypes} />
          <Filtered
            endpoints={endpoints.data.filter((e) => matchesFilters(e, filters))}
            total={endpoints.data.length}
            canEdit={canEdit}
          />
        </>
      )}
    </>
  )
}

function Filtered({
  endpoints,
  total,
  canEdit,
}: {
  endpoints: Parameters<typeof EndpointsTable>[0]['endpoints']
  total: number
  canEdit: boolean
}) {
  if (endpoints.length === 0) {
    return (
      <EmptyState
        icon={SearchXIcon}
        title="No endpoint matches these filters"
        action={
          <Button asChild variant="outline">
            <Link href="/konpro/endpoints">Clear filters</Link>
          </Button>
        }
      >
        None of the {total} endpoints matches. Try another search or event type.
      </EmptyState>
    )
  }
  return (
    <>
      <EndpointsTable endpoints={endpoints} canEdit={canEdit} />
      <p className="mt-3 text-xs text-muted-foreground" role="status">
        {endpoints.length === total
          ? `${total} endpoint${total === 1 ? '' : 's'}`
          : `${endpoints.length} of ${total} endpoints`}
      </p>
    </>
  )
}
