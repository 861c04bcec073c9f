'use client'

import { useTransition } from 'react'
import { toast } from 'sonner'
import { RelativeTime } from '@/components/relative-time'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { InlineActionForm } from '@/components/ui/action-form'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { formatOutboundHost, outboundHostSchema } from '@/lib/validations/outbound-host'
import { addAllowedHostAction, removeAllowedHostAction } from '@/app/(console)/settings/actions'

export interface AllowedHostRow {
  id: number
  /** `host` or `host:port`. */
  host: string
  anyPort: boolean
  createdAt: string
  createdBy: string | null
}

/** Hosts replays and the sandboxes may reach on private addresses: admins add and remove them. */
export function AllowedHostsForm({
  hosts,
  canEdit,
}: {
  hosts: AllowedHostRow[]
  canEdit: boolean
}) {
  return (
    <div className="flex flex-col gap-4">
      {canEdit ? (
        <AddHostForm />
      ) : (
        <p className="text-sm text-muted-foreground">
          Only an admin can change this list. Ask one to add a host your team needs to reach.
        </p>
      )}
      <HostList hosts={hosts} canEdit={canEdit} />
    </div>
  )
}

function AddHostForm() {
  const state = useActionForm({
    schema: outboundHostSchema,
    defaultValues: { host: '' },
    action: (values) => addAllowedHostAction({ host: formatOutboundHost(values.host) }),
    onSuccess: (data) => {
      form.reset({ host: '' })
      toast.success(`${data.host} is allowed for outbound requests.`)
    },
  })

  const { form, errors } = state

  return (
    <InlineActionForm state={state} submitLabel="Allow host" pendingLabel="Adding…">
      <Field
        id="allowed-host"
        label="Host"
        className="min-w-0 flex-1"
        error={errors.host?.message}
        hint={
          <>
            A name or address, with <code className="font-mono">:port</code> to allow that port
            only. IPv6 in brackets, such as <code className="font-mono">[::1]:8080</code>.
          </>
        }
      >
        <Input
          autoComplete="off"
          spellCheck={false}
          placeholder="staging.internal:8443"
          className="font-mono"
          {...form.register('host')}
        />
      </Field>
    </InlineActionForm>
  )
}

function HostList({ hosts, canEdit }: { hosts: AllowedHostRow[]; canEdit: boolean }) {
  const [pending, startTransition] = useTransition()
  const remove = (row: AllowedHostRow) =>
    startTransition(async () => {
      const result = await removeAllowedHostAction(row.id)
      if (result.ok) toast.success(`${row.host} is no longer allowed.`)
      else toast.error(result.formError ?? 'The host was not removed.')
    })

  if (hosts.length === 0)
    return (
      <p className="rounded-md border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
        No hosts are allowed here yet: outbound requests reach public addresses only.
      </p>
    )
  return (
    <ul aria-label="Allowed outbound hosts" className="divide-y rounded-md border">
      {hosts.map((row) => (
        <li
          key={row.id}
          data-testid="allowed-host"
          className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
        >
          <div className="flex min-w-0 flex-col gap-1">
            <div className="flex min-w-0 flex-wrap items-center gap-2">
              <code className="min-w-0 font-mono text-sm font-medium break-all">{row.host}</code>
              {row.anyPort ? <Badge variant="muted">Any port</Badge> : null}
            </div>
            <p className="text-xs break-all text-muted-foreground">
              Added <RelativeTime value={row.createdAt} />
              {row.createdBy ? ` by ${row.createdBy}` : null}
            </p>
          </div>
          {canEdit ? (
            <ConfirmDialog
              trigger={
                <Button
                  variant="outline"
                  size="sm"
                  className="self-start sm:self-auto"
                  aria-label={`Remove ${row.host}`}
                  disabled={pending}
                >
                  Remove
                </Button>
              }
              title={`Stop allowing ${row.host}?`}
              description="Replays and sandbox deliveries to it are refused from the next request on, as for any private address."
              confirmLabel="Remove host"
              onConfirm={() => remove(row)}
            />
          ) : null}
        </li>
      ))}
    </ul>
  )
}
