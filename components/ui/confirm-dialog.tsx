'use client'

import { Button } from '@/components/ui/button'
import { DialogCancel, DialogClose, DialogFooter } from '@/components/ui/dialog'
import { TitledDialog } from '@/components/ui/titled-dialog'

/**
 * Asks before an action that cannot be undone: a title, what will happen, Cancel (focused first by
 * Radix, so Enter never confirms by accident) and one destructive button that closes the dialog.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  onConfirm,
}: {
  trigger: React.ReactNode
  title: React.ReactNode
  description: React.ReactNode
  confirmLabel: string
  onConfirm: () => void
}) {
  return (
    <TitledDialog
      trigger={trigger}
      title={title}
      titleClassName="break-words"
      description={description}
    >
      <DialogFooter>
        <DialogCancel />
        <DialogClose asChild>
          <Button variant="destructive" onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </DialogClose>
      </DialogFooter>
    </TitledDialog>
  )
}
