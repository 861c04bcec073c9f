'use client'

import { useWatch } from 'react-hook-form'
import { SendIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/form-message'
import { useActionForm } from '@/components/ui/use-action-form'
import { ReplayTargetFields } from '@/components/events/replay-target-fields'
import { replaySchema } from '@/lib/replay/schema'
import { replayDeliveryAction } from '@/app/(console)/events/[id]/replay-actions'

/** "Send again to…": a URL, and either the original headers or a fresh signature from an endpoint's secret. */
export function ReplayForm({
  eventId,
  endpoints,
  canResign,
  providerLabel,
}: {
  eventId: number
  endpoints: Array<{ id: string; url: string }>
  canResign: boolean
  /** The delivery's provider, as the console names it. */
  providerLabel: string
}) {
  const { form, onSubmit, formError, hydrated, errors, isSubmitting } = useActionForm({
    schema: replaySchema,
    defaultValues: { eventId, url: '', mode: 'original', endpointId: endpoints[0]?.id },
    action: replayDeliveryAction,
    onSuccess: ({ status, error: failure, latencyMs }) => {
      if (status !== null) toast.success(`Answered ${status} in ${latencyMs} ms.`)
      else toast.error(`Not sent: ${failure}`)
    },
  })
  const mode = useWatch({ control: form.control, name: 'mode' })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <ReplayTargetFields
        idPrefix="replay"
        endpoints={endpoints}
        canResign={canResign}
        note={
          !canResign
            ? `${providerLabel} deliveries cannot be re-signed.`
            : endpoints.length === 0
              ? `There is no ${providerLabel} endpoint whose secret could sign it.`
              : null
        }
        register={form.register}
        errors={errors}
        mode={mode}
      />
      <FormError message={formError} />
      <Button type="submit" size="sm" className="w-fit" disabled={isSubmitting || !hydrated}>
        <SendIcon /> {isSubmitting ? 'Sending…' : 'Send again'}
      </Button>
    </form>
  )
}
