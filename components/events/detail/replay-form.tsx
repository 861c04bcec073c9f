'use client'

import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import type { z } from 'zod'
import { SendIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import { FieldError, FormError } from '@/components/auth/form-messages'
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
      <div className="flex flex-col gap-2">
        <Label htmlFor="replay-url">Send again to</Label>
        <Input
          id="replay-url"
          type="url"
          placeholder="https://staging.example.com/webhooks"
          autoComplete="off"
          aria-invalid={!!errors.url}
          {...form.register('url')}
        />
        <FieldError message={errors.url?.message} />
      </div>
      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium">Headers</legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="original" {...form.register('mode')} /> Original headers and
          signature
        </label>
        <label
          className={
            canResign && endpoints.length > 0
              ? 'flex items-center gap-2'
              : 'flex items-center gap-2 text-muted-foreground'
          }
        >
          <input
            type="radio"
            value="resigned"
            disabled={!canResign || endpoints.length === 0}
            {...form.register('mode')}
          />{' '}
          Re-signed with an endpoint’s secret
        </label>
        {!canResign ? (
          <p className="text-xs text-muted-foreground">Only KonPro deliveries can be re-signed.</p>
        ) : endpoints.length === 0 ? (
          <p className="text-xs text-muted-foreground">
            There is no KonPro endpoint whose secret could sign it.
          </p>
        ) : null}
      </fieldset>
      {mode === 'resigned' ? (
        <div className="flex flex-col gap-2">
          <Label htmlFor="replay-endpoint">Endpoint</Label>
          <select
            id="replay-endpoint"
            className="h-9 min-w-0 rounded-md border border-input bg-card px-3 text-sm shadow-sm"
            aria-invalid={!!errors.endpointId}
            {...form.register('endpointId')}
          >
            {endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.url}
              </option>
            ))}
          </select>
          <FieldError message={errors.endpointId?.message} />
        </div>
      ) : null}
      <FormError message={error} />
      <Button type="submit" size="sm" className="w-fit" disabled={isSubmitting || !hydrated}>
        <SendIcon /> {isSubmitting ? 'Sending…' : 'Send again'}
      </Button>
    </form>
  )
}
