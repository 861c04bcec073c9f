'use client'

import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import type { z } from 'zod'
import { SendIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { FormError } from '@/components/auth/form-messages'
import { ReplayTargetFields } from '@/components/events/replay-target-fields'
import { replaySchema } from '@/lib/replay/schema'
import { replayDeliveryAction } from '@/app/(console)/events/[id]/replay-actions'

type Values = z.input<typeof replaySchema>

/** "Send again to…": a URL, and either the original headers or a fresh signature from an endpoint's secret. */
export function ReplayForm({
  eventId,
  endpoints,
  canResign,
}: {
  eventId: number
  endpoints: Array<{ id: string; url: string }>
  canResign: boolean
}) {
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(null)
  const form = useForm<Values, unknown, z.output<typeof replaySchema>>({
    resolver: zodResolver(replaySchema),
    defaultValues: { eventId, url: '', mode: 'original', endpointId: endpoints[0]?.id },
  })
  const { errors, isSubmitting } = form.formState
  const mode = useWatch({ control: form.control, name: 'mode' })

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    const result = await replayDeliveryAction(values)
    if (result.ok) {
      const { status, error: failure, latencyMs } = result.data
      if (status !== null) toast.success(`Answered ${status} in ${latencyMs} ms.`)
      else toast.error(`Not sent: ${failure}`)
      return
    }
    for (const field of ['url', 'endpointId'] as const) {
      const message = result.fieldErrors?.[field]?.[0]
      if (message) form.setError(field, { message })
    }
    setError(result.formError ?? null)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <ReplayTargetFields
        idPrefix="replay"
        fields={{
          url: form.register('url'),
          mode: form.register('mode'),
          endpointId: form.register('endpointId'),
        }}
        errors={{ url: errors.url?.message, endpointId: errors.endpointId?.message }}
        mode={mode}
        endpoints={endpoints}
        canResign={canResign}
        note={
          !canResign
            ? 'Only KonPro deliveries can be re-signed.'
            : endpoints.length === 0
              ? 'There is no KonPro endpoint whose secret could sign it.'
              : null
        }
      />
      <FormError message={error} />
      <Button type="submit" size="sm" className="w-fit" disabled={isSubmitting || !hydrated}>
        <SendIcon /> {isSubmitting ? 'Sending…' : 'Send again'}
      </Button>
    </form>
  )
}
