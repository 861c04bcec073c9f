'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { Trash2Icon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import type { ActionResult } from '@/lib/actions/result'
import { PROVIDERS, type ProviderId } from '@/lib/providers/catalog'
import { DeleteEndpointDialog } from './delete-endpoint-dialog'

/**
 * Delete, after the confirmation, then back to the provider's list (its home in the catalog). An endpoint that was already
 * gone counts as deleted: what the admin wanted is true either way.
 */
export function DeleteEndpointButton({
  url,
  provider,
  remove,
  deleted,
  disabled,
}: {
  url: string
  provider: ProviderId
  remove: () => Promise<ActionResult<unknown>>
  /** The toast after a deletion. */
  deleted: string
  disabled?: boolean
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const onConfirm = () =>
    start(async () => {
      const result = await remove()
      if (result.ok || result.kind === 'not_found') {
        toast.success(result.ok ? deleted : 'That endpoint was already gone', { description: url })
        router.push(PROVIDERS[provider].home)
      } else toast.error('The endpoint was not deleted', { description: result.formError })
    })
  return (
    <DeleteEndpointDialog
      url={url}
      provider={PROVIDERS[provider].label}
      onConfirm={onConfirm}
      trigger={
        <Button variant="destructive" disabled={pending || disabled}>
          <Trash2Icon /> {pending ? 'Deleting…' : 'Delete endpoint'}
        </Button>
      }
    />
  )
}
