'use client'

import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { Trash2Icon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { clearEventLog, countStoredEvents } from '@/app/(console)/events/actions'

/** "Clear log", confirmed in a dialog that says how many deliveries go (counted when it opens). */
export function ClearLogButton() {
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [count, setCount] = useState<number | null>(null)
  const [clearing, startClearing] = useTransition()

  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) return
    setCount(null)
    void countStoredEvents().then((r) => setCount(r.ok ? r.data.count : null))
  }

  const confirm = () =>
    startClearing(async () => {
      const result = await clearEventLog()
      if (!result.ok) {
        toast.error(result.formError ?? 'Could not clear the log. Try again.')
        return
      }
      setOpen(false)
      toast.success(
        `Removed ${result.data.removed.toLocaleString('en')} ${result.data.removed === 1 ? 'delivery' : 'deliveries'}.`,
      )
      router.refresh()
    })

  const what =
    count === null
      ? 'every stored delivery'
      : `${count.toLocaleString('en')} ${count === 1 ? 'delivery' : 'deliveries'}`
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Trash2Icon /> Clear log
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Clear the event log?</DialogTitle>
          <DialogDescription data-testid="clear-count">
            This permanently removes {what} from this console, with their headers and bodies. KonPro
            is not affected and keeps sending new deliveries.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" onClick={confirm} disabled={clearing || count === null}>
            <Trash2Icon />{' '}
            {clearing ? 'Clearing…' : count === null ? 'Counting…' : `Remove ${what}`}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
