'use client'

import { useTransition } from 'react'
import { KeySquareIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { actionsColumn, DataTable, TableFrame, type TableColumn } from '@/components/ui/table'
import { EmptyState } from '@/components/empty-state'
import { timeColumn } from '@/components/ui/time-column'
import { revokeAccessTokenAction } from '@/app/(console)/settings/tokens/actions'

interface Row {
  id: number
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
}

export function TokensTable({ tokens }: { tokens: Row[] }) {
  const [pending, startTransition] = useTransition()
  const revoke = (t: Row) =>
    startTransition(async () => {
      const result = await revokeAccessTokenAction(t.id)
      if (result.ok) toast.success(`Token “${t.name}” was revoked.`)
      else toast.error(result.formError ?? 'That did not work.')
    })

  const columns: TableColumn<Row>[] = [
    {
      label: 'Name',
      cellClassName: 'min-w-32 font-medium break-words whitespace-normal',
      cell: (t) => (
        <>
          {t.name}
          {/* On a phone the prefix goes under the name instead of a column of its own. */}
          <span className="mt-1 block font-mono text-xs font-normal text-muted-foreground sm:hidden">
            {t.prefix}…
          </span>
        </>
      ),
    },
    {
      label: 'Token',
      className: 'hidden sm:table-cell',
      cellClassName: 'hidden font-mono whitespace-nowrap text-muted-foreground sm:table-cell',
      cell: (t) => `${t.prefix}…`,
    },
    timeColumn('Created', (t) => t.createdAt, { className: 'hidden sm:table-cell' }),
    timeColumn('Last used', (t) => t.lastUsedAt, { empty: 'Never' }),
    actionsColumn((t) => (
      <ConfirmDialog
        trigger={
          <Button
            variant="outline"
            size="sm"
            aria-label={`Revoke token ${t.name}`}
            disabled={pending}
          >
            Revoke
          </Button>
        }
        title={`Revoke “${t.name}”?`}
        description="Anything using it is refused from its next request on. This cannot be undone."
        confirmLabel="Revoke token"
        onConfirm={() => revoke(t)}
      />
    )),
  ]

  if (tokens.length === 0) {
    return (
      <EmptyState icon={KeySquareIcon} title="No access tokens">
        Create one above to forward deliveries to your laptop with{' '}
        <code className="font-mono">npx konpro-console forward</code>.
      </EmptyState>
    )
  }
  return (
    <TableFrame>
      <DataTable aria-label="Access tokens" columns={columns} rows={tokens} rowTestId="token-row" />
    </TableFrame>
  )
}
