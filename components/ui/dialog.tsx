'use client'

import { Dialog as DialogPrimitive } from 'radix-ui'
import { XIcon } from 'lucide-react'
import { cn } from '@/lib/utils'
import { Button } from './button'
import { styled } from './styled'

export const Dialog = DialogPrimitive.Root
export const DialogTrigger = DialogPrimitive.Trigger
export const DialogClose = DialogPrimitive.Close

export function DialogContent({
  className,
  children,
  ...props
}: React.ComponentProps<typeof DialogPrimitive.Content>) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="data-[state=open]:animate-in fixed inset-0 z-50 bg-black/50" />
      <DialogPrimitive.Content
        className={cn(
          // One column that may shrink below its content: a long unbroken value (a URL) truncates or wraps
          // inside the dialog instead of widening the grid track past the screen.
          'fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 grid-cols-[minmax(0,1fr)] gap-4 overflow-y-auto rounded-lg border bg-card p-6 shadow-lg',
          className,
        )}
        {...props}
      >
        {children}
        <DialogPrimitive.Close className="absolute top-4 right-4 rounded-sm opacity-70 hover:opacity-100">
          <XIcon className="size-4" />
          <span className="sr-only">Close</span>
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  )
}

export const DialogHeader = styled('div', 'flex flex-col gap-1.5 pr-6')

export const DialogFooter = styled('div', 'flex flex-col-reverse gap-2 sm:flex-row sm:justify-end')

export const DialogTitle = styled(DialogPrimitive.Title, 'text-lg font-semibold')

export const DialogDescription = styled(
  DialogPrimitive.Description,
  'text-sm break-words text-muted-foreground',
)

/** The outlined Cancel that closes the dialog it sits in (a plain button, so it never submits). */
export function DialogCancel({ children = 'Cancel' }: { children?: React.ReactNode }) {
  return (
    <DialogPrimitive.Close asChild>
      <Button type="button" variant="outline">
        {children}
      </Button>
    </DialogPrimitive.Close>
  )
}
