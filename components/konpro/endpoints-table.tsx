'use client'

import { startTransition, useOptimistic } from 'react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { PencilIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { actionsColumn, ResponsiveTable, type TableColumn } from '@/components/ui/table'
import { RelativeTime } from '@/components/relative-time'
import { timeColumn } from '@/components/ui/time-column'
import type { PublicEndpoint } from '@/lib/providers/konpro/public-endpoint'
import { deleteEndpointAction } from '@/app/(console)/konpro/endpoints/actions'
import { DeleteEndpointDialog } from '@/components/provider/delete-endpoint-dialog'
import { EventChips, StatusBadge } from '@/components/provider/event-chips'
import { SecretReveal } from './secret-reveal'
import { CopyButton } from '@/components/copy-button'

/**
 * The endpoint list; deleting removes the row at once and puts it back if KonPro refuses.
 * Viewers get the same list without secrets or controls.
 */
export function EndpointsTable({
  endpoints,
  canEdit,
}: {
  endpoints: PublicEndpoint[]
  canEdit: boolean
}) {
  const router = useRouter()
  const [shown, removeShown] = useOptimistic(endpoints, (state, id: string) =>
    state.filter((e) => e.id !== id),
  )

  const remove = (endpoint: PublicEndpoint) =>
    startTransition(async () => {
      removeShown(endpoint.id)
      const result = await deleteEndpointAction(endpoint.id)
      if (result.ok) toast.success('Endpoint deleted', { description: endpoint.url })
      else if (result.kind === 'not_found') {
        toast.info('That endpoint was already gone; the list is refreshed.')
        router.refresh()
      } else toast.error('The endpoint was not deleted', { description: result.formError })
    })

  const actions = (e: PublicEndpoint) =>
    canEdit ? (
      <div className="flex justify-end gap-1">
        <Button asChild variant="ghost" size="icon" aria-label={`Edit endpoint ${e.url}`}>
          <Link href={`/konpro/endpoints/${encodeURIComponent(e.id)}`}>
            <PencilIcon />
          </Link>
        </Button>
        <DeleteEndpointDialog url={e.url} onConfirm={() => remove(e)} />
      </div>
    ) : null
  const secret = (e: PublicEndpoint) =>
    canEdit ? (
      <SecretReveal endpointId={e.id} prefix={e.secretPrefix} />
    ) : (
      <code className="font-mono text-xs text-muted-foreground">{e.secretPrefix}••••••••</code>
    )
  // One line whatever its length: the full URL on hover and through the copy button, so a long
  // one never grows its row or pushes the other columns about.
  const urlLink = (e: PublicEndpoint) => (
    <div className="flex min-w-0 items-center gap-1">
      <Link
        href={`/konpro/endpoints/${encodeURIComponent(e.id)}`}
        className="block min-w-0 truncate font-mono text-sm font-medium hover:underline"
        title={e.url}
      >
        {e.url}
      </Link>
      <CopyButton
        value={e.url}
        label="Copy URL"
        size="icon"
        variant="ghost"
        className="size-7 shrink-0"
      />
    </div>
  )

  const columns: TableColumn<PublicEndpoint>[] = [
    {
      label: 'URL',
      cell: (e) => (
        <>
          {urlLink(e)}
          <span className="block truncate font-mono text-xs text-muted-foreground">{e.id}</span>
        </>
      ),
    },
    { label: 'Status', className: 'w-24', cell: (e) => <StatusBadge status={e.status} /> },
    { label: 'Events', className: 'w-56', cell: (e) => <EventChips events={e.events} /> },
    timeColumn('Created', (e) => e.createdAt, { className: 'w-28' }),
    { label: 'Secret', className: 'w-64', cellClassName: 'overflow-hidden', cell: secret },
    actionsColumn(actions, 'w-24'),
  ]

  return (
    // Fixed columns: revealing a secret (or a long URL) cannot take width from the others.
    <ResponsiveTable
      wideFrom="lg"
      label="Endpoints"
      tableClassName="table-fixed"
      columns={columns}
      rows={shown}
      testId="endpoint"
      cardClassName="flex flex-col gap-3 p-4"
      card={(e) => (
        <>
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0 flex-1">{urlLink(e)}</div>
            {actions(e)}
          </div>
          <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <StatusBadge status={e.status} />
            <span>
              Created <RelativeTime value={e.createdAt} />
            </span>
          </div>
          <EventChips events={e.events} />
          {secret(e)}
        </>
      )}
    />
  )
}
