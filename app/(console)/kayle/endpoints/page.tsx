import type { Metadata } from 'next'
import Link from 'next/link'
import { ShieldCheckIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { ProviderErrorPanel } from '@/components/provider-error'
import { CreateEndpointButton } from '@/components/provider/create-endpoint-button'
import { KayleEndpointsTable } from '@/components/kayle/kayle-endpoints-table'
import { KayleModeNote } from '@/components/kayle/kayle-mode-note'
import { AdminOnlyNotice, ViewerNote } from '@/components/shell/viewer-note'
import { requireUser } from '@/lib/auth/current'
import { isKayleSandbox } from '@/lib/providers/kayle'
import { ENDPOINTS_PAGE_SIZE, loadKayleEndpointPage } from '@/lib/providers/kayle/endpoints'
import { pagerLinks, pagerParamsSchema } from '@/components/kayle/kayle-pager'

export const metadata: Metadata = { title: 'Kayle endpoints' }

const LIST = '/kayle/endpoints'

export default async function KayleEndpointsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const raw = await searchParams
  const params = pagerParamsSchema.parse(raw)
  // The session first: an unauthorized request must not even spend the team's key.
  const user = await requireUser()
  const endpoints = await loadKayleEndpointPage(params.after)
  const canEdit = user.role === 'admin'
  const create = canEdit ? (
    <CreateEndpointButton href="/kayle/endpoints/new" />
  ) : (
    <ViewerNote>
      Only an admin can create Kayle endpoints, reveal secrets, manage keys or send test events.
    </ViewerNote>
  )
  return (
    <>
      <PageHeader
        title="Kayle endpoints"
        description="Where Kayle sends its encrypted verification events."
        actions={create}
      />
      {!canEdit && raw.denied === 'admin' ? <AdminOnlyNotice /> : null}
      <KayleModeNote sandbox={isKayleSandbox()} />
      {!endpoints.ok ? (
        <ProviderErrorPanel provider="Kayle" error={endpoints.error} retryHref={LIST} />
      ) : endpoints.data.endpoints.length === 0 && !params.after ? (
        <EmptyState
          icon={ShieldCheckIcon}
          title="No Kayle endpoints yet"
          action={canEdit ? create : null}
        >
          Kayle calls an endpoint when a verification session succeeds, fails, expires or is
          cancelled, encrypting each delivery for a key the console holds.
          {canEdit
            ? ' Create one pointing at this console’s receiver to watch them arrive, decrypted, in the Events log.'
            : ' An admin of this console can create one.'}
        </EmptyState>
      ) : (
        <>
          <KayleEndpointsTable endpoints={endpoints.data.endpoints} />
          <Pager
            links={pagerLinks(
              LIST,
              params,
              endpoints.data.hasMore ? endpoints.data.nextCursor : null,
            )}
            shown={endpoints.data.endpoints.length}
          />
        </>
      )}
    </>
  )
}

function Pager({ links, shown }: { links: ReturnType<typeof pagerLinks>; shown: number }) {
  if (!links.previous && !links.next) return null
  const from = (links.page - 1) * ENDPOINTS_PAGE_SIZE + 1
  return (
    <nav
      aria-label="Pages of endpoints"
      className="mt-4 flex flex-wrap items-center justify-between gap-2"
    >
      <p className="text-sm text-muted-foreground">
        Page {links.page} · endpoints {shown ? `${from}–${from + shown - 1}` : 'none'}
      </p>
      <div className="flex gap-2">
        {links.previous ? (
          <Button asChild variant="outline">
            <Link href={links.previous}>Previous</Link>
          </Button>
        ) : null}
        {links.next ? (
          <Button asChild variant="outline">
            <Link href={links.next}>Next</Link>
          </Button>
        ) : null}
      </div>
    </nav>
  )
}
