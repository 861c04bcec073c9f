'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Controller, useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { RadioTowerIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/form-message'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import type { ActionResult } from '@/lib/actions/result'
import type { PublicEndpoint } from '@/lib/konpro/public-endpoint'
import type { KonproEventType } from '@/lib/konpro/schemas'
import {
  changedFields,
  endpointFormSchema,
  type EndpointFormValues,
} from '@/lib/validations/endpoint'
import { createEndpointAction, updateEndpointAction } from '@/app/(console)/endpoints/actions'
import { EventPicker } from './event-picker'

interface Props {
  eventTypes: KonproEventType[]
  receiverUrl: string
  /** The endpoint being edited; absent when creating. */
  endpoint?: PublicEndpoint
}

export function EndpointForm({ eventTypes, receiverUrl, endpoint }: Props) {
  const router = useRouter()
  const hydrated = useHydrated()
  const [chooseSome, setChooseSome] = useState((endpoint?.events.length ?? 0) > 0)
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<EndpointFormValues>({
    resolver: zodResolver(endpointFormSchema),
    defaultValues: {
      url: endpoint?.url ?? '',
      events: endpoint?.events ?? [],
      entityId: endpoint?.entityId ?? '',
    },
  })
  const { register, handleSubmit, control, setError, setValue, formState } = form
  const { errors, isSubmitting } = formState

  const showFailure = (result: Extract<ActionResult<unknown>, { ok: false }>) => {
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (field in form.getValues())
        setError(field as keyof EndpointFormValues, { message: messages?.[0] })
    }
    // KonPro's 400s are about the URL (https, the OPTIONS check), so say it next to that field.
    if (result.kind === 'bad_request' && result.formError)
      setError('url', { message: result.formError })
    else setFormError(result.formError ?? null)
  }

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null)
    if (chooseSome && values.events.length === 0) {
      setError('events', { message: 'Tick at least one event type, or choose All events.' })
      return
    }
    if (!endpoint) {
      const result = await createEndpointAction(values)
      if (!result.ok) return showFailure(result)
      toast.success('Endpoint created', { description: result.data.url })
      router.push('/endpoints')
      return
    }
    const changes = changedFields(endpoint, values)
    if (!Object.keys(changes).length) {
      setFormError('Nothing changed, so there is nothing to save.')
      return
    }
    const result = await updateEndpointAction({ endpointId: endpoint.id, ...changes })
    if (!result.ok) return showFailure(result)
    toast.success('Endpoint saved', {
      description: `Updated ${Object.keys(changes).join(' and ')}.`,
    })
    form.reset({
      url: result.data.url,
      events: result.data.events,
      entityId: endpoint.entityId ?? '',
    })
    router.refresh()
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {/* Nothing typed before hydration can be lost: the fields wait for it. */}
      <fieldset disabled={!hydrated} className="contents">
        <div className="flex flex-col gap-2">
          <Label htmlFor="url">Endpoint URL</Label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Input
              id="url"
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://example.com/webhooks/konpro"
              className="font-mono"
              aria-invalid={!!errors.url}
              aria-describedby="url-help url-error"
              {...register('url')}
            />
            <Button
              type="button"
              variant="outline"
              onClick={() =>
                setValue('url', receiverUrl, { shouldValidate: true, shouldDirty: true })
              }
            >
              <RadioTowerIcon /> Use this console’s receiver
            </Button>
          </div>
          <p id="url-help" className="text-xs text-muted-foreground">
            KonPro checks the URL with an OPTIONS request that must answer within 1 second.
          </p>
          {errors.url ? (
            <p id="url-error" className="text-sm text-destructive" role="alert" aria-live="polite">
              {errors.url.message}
            </p>
          ) : null}
        </div>

        <div className="flex flex-col gap-2">
          <Controller
            control={control}
            name="events"
            render={({ field }) => (
              <EventPicker
                types={eventTypes}
                value={field.value}
                onChange={field.onChange}
                chooseSome={chooseSome}
                onChooseSome={setChooseSome}
                invalid={!!errors.events}
              />
            )}
          />
          {errors.events ? (
            <p className="text-sm text-destructive" role="alert">
              {errors.events.message}
            </p>
          ) : null}
        </div>

        {endpoint ? null : (
          <div className="flex flex-col gap-2">
            <Label htmlFor="entityId">
              Entity ID <span className="font-normal text-muted-foreground">(optional)</span>
            </Label>
            <Input
              id="entityId"
              placeholder="e.g. project123"
              className="font-mono sm:max-w-sm"
              aria-invalid={!!errors.entityId}
              {...register('entityId')}
            />
            <p className="text-xs text-muted-foreground">
              Only receive events about this video or project.
            </p>
            {errors.entityId ? (
              <p className="text-sm text-destructive">{errors.entityId.message}</p>
            ) : null}
          </div>
        )}

        <FormError message={formError} />

        <div className="flex gap-2">
          <Button type="submit" disabled={isSubmitting || !hydrated}>
            {isSubmitting
              ? endpoint
                ? 'Saving…'
                : 'Creating…'
              : endpoint
                ? 'Save changes'
                : 'Create endpoint'}
          </Button>
          <Button type="button" variant="outline" onClick={() => router.push('/endpoints')}>
            Cancel
          </Button>
        </div>
      </fieldset>
    </form>
  )
}
