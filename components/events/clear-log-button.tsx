'use client'

import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { Trash2Icon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { DialogCancel, DialogFooter } from '@/components/ui/dialog'
import { TitledDialog } from '@/components/ui/titled-dialog'
import { clearEventLog, countStoredEvents } from '@/app/(console)/events/actions'
import { hasActiveFilters, type EventFilters } from '@/lib/validations/event-filters'

const SCOPES = [
  { value: 'filtered', label: 'Only what this filter shows' },
  { value: 'all', label: 'Everything stored' },
] as const

const deliveries = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'delivery' : 'deliveries'}`

/**
 * "Clear log", confirmed in a dialog that says how many deliveries go (counted when it opens).
 * With a filter on, the person chooses between what the filter shows (the default, the smaller
 * loss) and everything stored.
 */
export function ClearLogButton({ filters }: { filters: EventFilters }) {
  const router = useRouter()
  const filtered = hasActiveFilters(filters)
  const [open, setOpen] = useState(false)
  const [counts, setCounts] = useState<{ all: number; filtered: number } | null>(null)
  const [scope, setScope] = useState<'filtered' | 'all'>('filtered')
  const [clearing, startClearing] = useTransition()

  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) return
    setCounts(null)
    setScope(filtered ? 'filtered' : 'all')
    void countStoredEvents({ filters }).then((r) => setCounts(r.ok ? r.data : null))
  }

  const confirm = () =>
    startClearing(async () => {
      const result = await clearEventLog({ scope, filters })
      if (!result.ok) {
        toast.error(result.formError ?? 'Could not clear the log. Try again.')
        return
      }
      setOpen(false)
      toast.success(`Removed ${deliveries(result.data.removed)}.`)
      router.refresh()
    })

  const chosen = counts === null ? null : scope === 'all' ? counts.all : counts.filtered
  const what = chosen === null ? 'every stored delivery' : deliveries(chosen)
  return (
    <TitledDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="outline" size="sm">
          <Trash2Icon /> Clear log
        </Button>
      }
      title="Clear the event log?"
      descriptionTestId="clear-count"
      description={
        <>
          This permanently removes{' '}
          {scope === 'filtered' && filtered ? `the ${what} this filter shows` : what} from this
          console, with their headers and bodies. The senders are not affected and keep sending new
          deliveries.
        </>
      }
    >
      {filtered ? (
        <fieldset className="flex flex-col gap-2 text-sm">
          <legend className="mb-1 font-medium">What to remove</legend>
          {SCOPES.map((option) => (
            <label key={option.value} className="flex items-center gap-2">
              <input
                type="radio"
                name="clear-scope"
                checked={scope === option.value}
                onChange={() => setScope(option.value)}
              />
              {option.label}
              {counts ? ` (${deliveries(counts[option.value])})` : ''}
            </label>
          ))}
        </fieldset>
      ) : null}
      <DialogFooter>
        <DialogCancel />
        <Button variant="destructive" onClick={confirm} disabled={clearing || chosen === null}>
          <Trash2Icon /> {clearing ? 'Clearing…' : chosen === null ? 'Counting…' : `Remove ${what}`}
        </Button>
      </DialogFooter>
    </TitledDialog>
  )
}
