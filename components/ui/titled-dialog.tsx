'use client'

import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from './dialog'

/** A dialog whose open state its caller holds. */
export type DialogOpenState = { open: boolean; onOpenChange: (open: boolean) => void }

/**
 * The console's dialog: an optional trigger, a title, what the dialog is for, then its body.
 * Open state may be left to Radix or held by the caller (`open` with `onOpenChange`).
 */
export function TitledDialog({
  trigger,
  title,
  description,
  open,
  onOpenChange,
  className,
  titleClassName,
  descriptionTestId,
  children,
}: {
  trigger?: React.ReactNode
  title: React.ReactNode
  description: React.ReactNode
  open?: boolean
  onOpenChange?: (open: boolean) => void
  className?: string
  titleClassName?: string
  descriptionTestId?: string
  children?: React.ReactNode
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle className={titleClassName}>{title}</DialogTitle>
          <DialogDescription data-testid={descriptionTestId}>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  )
}
