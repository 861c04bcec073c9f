'use client'

import { Trash2Icon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'

/** Asks before deleting, naming the URL so the right endpoint goes. */
export function DeleteEndpointDialog({
  url,
  onConfirm,
  trigger,
  provider = 'KonPro',
}: {
  url: string
  onConfirm: () => void
  trigger?: React.ReactNode
  provider?: string
}) {
  return (
    <ConfirmDialog
      trigger={
        trigger ?? (
          <Button variant="ghost" size="icon" aria-label={`Delete endpoint ${url}`}>
            <Trash2Icon />
          </Button>
        )
      }
      title="Delete this endpoint?"
      description={
        <>
          {provider} will stop sending events to{' '}
          <span className="font-mono font-medium text-foreground">{url}</span>. This cannot be
          undone.
        </>
      }
      confirmLabel="Delete endpoint"
      onConfirm={onConfirm}
    />
  )
}
