import type { Metadata } from 'next'
import Link from 'next/link'
import { PlusIcon, ShieldCheckIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { ProviderErrorPanel } from '@/components/provider-error'
import { KayleEndpointsTable } from '@/components/kayle/kayle-endpoints-table'
import { KayleModeNote } from '@/components/kayle/kayle-mode-note'
import { requireUser } from '@/lib/auth/current'
import { isKayleSandbox } from '@/lib/kayle'
import { loadKayleEndpoints } from '@/lib/kayle/endpoints'

export const metadata: Metadata = { title: 'Kayle endpoints' }

export default async function KayleEndpointsPage() {
  const user = await requireUser()
  const endpoints = await loadKayleEndpoints()
  const canEdit = user.role === 'admin'
  const create = canEdit ? (
    <Button asChild>
      <Link href="/kayle/endpoints/new">
        <PlusIcon /> Create endpoint
      </Link>
    </Button>
  ) : null
  return (
    <>
      <PageHeader title="Kayle endpoints" description="Where Kayle sends its encrypted verification events." actions={create} />
      <KayleModeNote sandbox={isKayleSandbox()} />
      {!endpoints.ok ? (
        <ProviderErrorPanel provider="Kayle" error={endpoints.error} retryHref="/kayle/endpoints" />
      ) : endpoints.data.length === 0 ? (
        <EmptyState icon={ShieldCheckIcon} title="No Kayle endpoints yet" action={create}>
          Kayle calls an endpoint when a verification session succeeds, fails, expires or is cancelled, encrypting each delivery for a key
          the console holds.
          {canEdit ? ' Create one pointing at this console’s receiver to watch them arrive, decrypted, in the Events log.' : ' An admin of this console can create one.'}
        </EmptyState>
      ) : (
        <KayleEndpointsTable endpoints={endpoints.data} />
      )}
    </>
  )
}
