'use client'

import { useState } from 'react'
import { SendIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'
import { TitledDialog } from '@/components/ui/titled-dialog'
import { useHydrated } from '@/components/use-hydrated'
import {
  filtersToSearchParams,
  hasActiveFilters,
  type EventFilters,
} from '@/lib/validations/event-filters'
import { countBulkReplay } from '@/app/(console)/events/bulk-replay-actions'
import { BulkReplayForm } from './bulk-replay-form'
import { BulkRunView } from './bulk-run-view'
import { useBulkRun, type RunTarget } from './use-bulk-run'

/**
 * "Send again…" for every delivery of the list's current filter (admins): counted when the dialog
 * opens, then sent a batch at a time with a progress bar, ending in a summary. Closing the dialog
 * does not stop a run; reopening shows it.
 */
export function BulkReplayButton({
  filters,
  endpoints,
}: {
  filters: EventFilters
  endpoints: Array<{ id: string; url: string }>
}) {
  const hydrated = useHydrated()
  const [open, setOpen] = useState(false)
  const [total, setTotal] = useState<number | null>(null)
  const [countError, setCountError] = useState<string | null>(null)
  const { run, start, cancel, reset, cancelling } = useBulkRun()
  const running = run?.phase === 'running'

  const recount = () => {
    setTotal(null)
    setCountError(null)
    void countBulkReplay({ filters }).then((r) =>
      r.ok ? setTotal(r.data.total) : setCountError(r.formError ?? 'Could not count them.'),
    )
  }
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next || running) return
    reset()
    recount()
  }
  // The run's own filter: the list's may change while a run goes on with the dialog closed.
  const [filterHref, setFilterHref] = useState('/events')
  const onStart = (id: string, ids: number[], target: RunTarget) => {
    const params = filtersToSearchParams(filters)
    setFilterHref(params.size ? `/events?${params}` : '/events')
    void start(id, ids, target)
  }

  return (
    <TitledDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="outline" size="sm" disabled={!hydrated}>
          <SendIcon /> Send again…
        </Button>
      }
      title="Send these deliveries again"
      description={
        <>
          {hasActiveFilters(filters)
            ? 'Every delivery the current filter shows, re-sent to one URL.'
            : 'Every stored delivery (no filter is set), re-sent to one URL.'}{' '}
          Each answer is kept with its delivery as an attempt.
        </>
      }
    >
      {run ? (
        <>
          <BulkRunView run={run} filterHref={filterHref} onLeave={() => setOpen(false)} />
          <DialogFooter>
            {running ? (
              <Button variant="outline" onClick={cancel} disabled={cancelling}>
                {cancelling ? 'Cancelling after this batch…' : 'Cancel'}
              </Button>
            ) : (
              <>
                <Button
                  variant="outline"
                  onClick={() => {
                    reset()
                    recount()
                  }}
                >
                  Send another
                </Button>
                <Button onClick={() => setOpen(false)}>Close</Button>
              </>
            )}
          </DialogFooter>
        </>
      ) : countError ? (
        <p role="alert" className="text-sm break-words text-destructive">
          {countError}
        </p>
      ) : (
        <BulkReplayForm filters={filters} endpoints={endpoints} total={total} onStart={onStart} />
      )}
    </TitledDialog>
  )
}
