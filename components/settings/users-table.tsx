'use client'

import { useTransition } from 'react'
import { Trash2Icon } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Select } from '@/components/ui/select'
import { actionsColumn, ResponsiveTable, type TableColumn } from '@/components/ui/table'
import { RelativeTime } from '@/components/relative-time'
import { timeColumn } from '@/components/ui/time-column'
import { changeRoleAction, removeUserAction } from '@/app/(console)/settings/users/actions'

interface Row {
  id: number
  email: string
  role: string
  createdAt: string
}

export function UsersTable({ users, meId }: { users: Row[]; meId: number }) {
  const [pending, startTransition] = useTransition()
  const run = (work: () => Promise<{ ok: boolean; formError?: string }>, success: string) =>
    startTransition(async () => {
      const result = await work()
      if (result.ok) toast.success(success)
      else toast.error(result.formError ?? 'That did not work.')
    })

  const role = (u: Row) => (
    <Select
      aria-label={`Role of ${u.email}`}
      className="h-8 px-2 shadow-none"
      value={u.role}
      disabled={pending}
      onChange={(e) =>
        run(
          () => changeRoleAction({ userId: u.id, role: e.target.value as 'admin' | 'viewer' }),
          `${u.email} is now ${e.target.value === 'admin' ? 'an admin' : 'a viewer'}.`,
        )
      }
    >
      <option value="admin">Admin</option>
      <option value="viewer">Viewer</option>
    </Select>
  )
  const remove = (u: Row) => (
    <RemoveUser
      email={u.email}
      disabled={pending}
      onConfirm={() => run(() => removeUserAction(u.id), `${u.email} was removed.`)}
    />
  )
  // An email is one unit: it truncates (whole on hover) rather than breaking into letters.
  const email = (u: Row) => (
    <span className="min-w-0 truncate font-medium" title={u.email}>
      {u.email}
    </span>
  )

  const columns: TableColumn<Row>[] = [
    {
      label: 'Email',
      cell: (u) => (
        <div className="flex min-w-0 items-center gap-2">
          {email(u)} {u.id === meId ? <Badge variant="muted">You</Badge> : null}
        </div>
      ),
    },
    { label: 'Role', className: 'w-32', cell: role },
    timeColumn('Added', (u) => u.createdAt, { className: 'w-28' }),
    actionsColumn(remove, 'w-16'),
  ]

  return (
    // Phones: one card per person, the email on a line of its own.
    <ResponsiveTable
      wideFrom="sm"
      label="Users"
      tableClassName="table-fixed"
      columns={columns}
      rows={users}
      testId="user"
      card={(u) => (
        <>
          <div className="flex min-w-0 items-center justify-between gap-2">
            <div className="flex min-w-0 items-center gap-2">
              {email(u)} {u.id === meId ? <Badge variant="muted">You</Badge> : null}
            </div>
            {remove(u)}
          </div>
          <div className="flex items-center gap-3 text-xs text-muted-foreground">
            {role(u)}
            <span>
              Added <RelativeTime value={u.createdAt} />
            </span>
          </div>
        </>
      )}
    />
  )
}

function RemoveUser({
  email,
  disabled,
  onConfirm,
}: {
  email: string
  disabled: boolean
  onConfirm: () => void
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="icon" aria-label={`Remove ${email}`} disabled={disabled}>
          <Trash2Icon />
        </Button>
      }
      title={`Remove ${email}?`}
      description="They are signed out everywhere at once and can no longer sign in."
      confirmLabel="Remove user"
      onConfirm={onConfirm}
    />
  )
}
