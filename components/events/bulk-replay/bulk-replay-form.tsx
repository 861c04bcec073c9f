'use client'

import { useWatch } from 'react-hook-form'
import { SendIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { DialogCancel, DialogFooter } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { NumberInput } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { ReplayTargetFields } from '@/components/events/replay-target-fields'
import { BULK_CAP_DEFAULT, BULK_CAP_MAX, bulkReplaySchema } from '@/lib/replay/schema'
import type { EventFilters } from '@/lib/validations/event-filters'
import { startBulkReplay } from '@/app/(console)/events/bulk-replay-actions'
import type { RunTarget } from './use-bulk-run'

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
  const { form, onSubmit, formError, setFormError, errors, isSubmitting } = useActionForm({
    schema: bulkReplaySchema,
    defaultValues: {
      filters,
      url: '',
      mode: 'original',
      endpointId: endpoints[0]?.id,
      cap: BULK_CAP_DEFAULT,
    },
    action: startBulkReplay,
    onSuccess: (data, values) => {
      if (data.ids.length === 0) return setFormError('Nothing matches this filter any more.')
      onStart(data.run, data.ids, {
        url: values.url,
        mode: values.mode,
        endpointId: values.mode === 'resigned' ? values.endpointId : undefined,
      })
    },
  })
  const mode = useWatch({ control: form.control, name: 'mode' })
  const capValue = Number(useWatch({ control: form.control, name: 'cap' }))
  const cap = Number.isInteger(capValue) && capValue > 0 ? capValue : BULK_CAP_DEFAULT

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
        endpoints={endpoints}
        canResign
        note={
          endpoints.length === 0
            ? 'There is no KonPro endpoint whose secret could sign them.'
            : 'Only KonPro deliveries can be re-signed; others in the filter are reported as not sent.'
        }
        register={form.register}
        errors={errors}
        mode={mode}
      />
      <Field
        id="bulk-replay-cap"
        label="At most"
        hint={`Up to ${n(BULK_CAP_MAX)} in one run, four at a time.`}
        error={errors.cap?.message}
      >
        <NumberInput min={1} max={BULK_CAP_MAX} className="w-32" {...form.register('cap')} />
      </Field>
      <FormError message={formError} />
      <DialogFooter>
        <DialogCancel />
        <Button type="submit" disabled={isSubmitting || !total}>
          <SendIcon />{' '}
          {isSubmitting ? 'Starting…' : total ? `Send ${deliveries(Math.min(total, cap))}` : 'Send'}
        </Button>
      </DialogFooter>
    </form>
  )
}
