'use client'

import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import type { z } from 'zod'
import { SendIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { FieldError, FormError } from '@/components/auth/form-messages'
import { ReplayTargetFields } from '@/components/events/replay-target-fields'
import { BULK_CAP_DEFAULT, BULK_CAP_MAX, bulkReplaySchema } from '@/lib/replay/schema'
import type { EventFilters } from '@/lib/validations/event-filters'
import { startBulkReplay } from '@/app/(console)/events/bulk-replay-actions'
import type { RunTarget } from './use-bulk-run'

type Values = z.input<typeof bulkReplaySchema>

const n = (v: number) => v.toLocaleString('en')
const deliveries = (v: number) => `${n(v)} ${v === 1 ? 'delivery' : 'deliveries'}`

/** What a bulk run sends and where: the URL, the headers, and how many at most. */
export function BulkReplayForm({
  filters,
  endpoints,
  total,
  onStart,
}: {
  filters: EventFilters
  endpoints: Array<{ id: string; url: string }>
  /** How many the filter matches; null while counting. */
  total: number | null
  onStart: (run: string, ids: number[], target: RunTarget) => void
}) {
  const [error, setError] = useState<string | null>(null)
  const form = useForm<Values, unknown, z.output<typeof bulkReplaySchema>>({
    resolver: zodResolver(bulkReplaySchema),
    defaultValues: {
      filters,
      url: '',
      mode: 'original',
      endpointId: endpoints[0]?.id,
      cap: BULK_CAP_DEFAULT,
    },
  })
  const { errors, isSubmitting } = form.formState
  const mode = useWatch({ control: form.control, name: 'mode' })
  const capValue = Number(useWatch({ control: form.control, name: 'cap' }))
  const cap = Number.isInteger(capValue) && capValue > 0 ? capValue : BULK_CAP_DEFAULT

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    const result = await startBulkReplay(values)
    if (!result.ok) {
      for (const field of ['url', 'endpointId', 'cap'] as const) {
        const message = result.fieldErrors?.[field]?.[0]
        if (message) form.setError(field, { message })
      }
      setError(result.formError ?? null)
      return
    }
    if (result.data.ids.length === 0) {
      setError('Nothing matches this filter any more.')
      return
    }
    onStart(result.data.run, result.data.ids, {
      url: values.url,
      mode: values.mode,
      endpointId: values.mode === 'resigned' ? values.endpointId : undefined,
    })
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-4">
      <p data-testid="bulk-count" className="text-sm" aria-live="polite">
        {total === null
          ? 'Counting the deliveries this filter matches…'
          : total === 0
            ? 'No delivery matches this filter: there is nothing to send.'
            : total > cap
              ? `This filter matches ${deliveries(total)}. The first ${n(cap)} of ${n(total)}, oldest first, will be sent.`
              : `This filter matches ${deliveries(total)}. All ${n(total)}, oldest first, will be sent.`}
      </p>
      <ReplayTargetFields
        idPrefix="bulk-replay"
        fields={{
          url: form.register('url'),
          mode: form.register('mode'),
          endpointId: form.register('endpointId'),
        }}
        errors={{ url: errors.url?.message, endpointId: errors.endpointId?.message }}
        mode={mode}
        endpoints={endpoints}
        canResign
        note={
          endpoints.length === 0
            ? 'There is no KonPro endpoint whose secret could sign them.'
            : 'Only KonPro deliveries can be re-signed; others in the filter are reported as not sent.'
        }
      />
      <div className="flex flex-col gap-2">
        <Label htmlFor="bulk-replay-cap">At most</Label>
        <Input
          id="bulk-replay-cap"
          type="number"
          inputMode="numeric"
          min={1}
          max={BULK_CAP_MAX}
          className="w-32"
          aria-invalid={!!errors.cap}
          aria-describedby="bulk-replay-cap-hint"
          {...form.register('cap')}
        />
        <p id="bulk-replay-cap-hint" className="text-xs text-muted-foreground">
          Up to {n(BULK_CAP_MAX)} in one run, four at a time.
        </p>
        <FieldError message={errors.cap?.message} />
      </div>
      <FormError message={error} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={isSubmitting || !total}>
          <SendIcon />{' '}
          {isSubmitting ? 'Starting…' : total ? `Send ${deliveries(Math.min(total, cap))}` : 'Send'}
        </Button>
      </DialogFooter>
    </form>
  )
}
