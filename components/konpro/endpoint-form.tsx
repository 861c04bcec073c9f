'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Controller, useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { FormError } from '@/components/ui/form-message'
import {
  EndpointFormActions,
  EndpointUrlField,
  TextField,
  showEndpointFailure,
} from '@/components/provider/endpoint-form-fields'
import { useHydrated } from '@/components/use-hydrated'
import type { ActionResult } from '@/lib/actions/result'
import type { PublicEndpoint } from '@/lib/providers/konpro/public-endpoint'
import type { KonproEventType } from '@/lib/providers/konpro/schemas'
import {
  changedFields,
  endpointFormSchema,
  type EndpointFormValues,
} from '@/lib/validations/endpoint'
import {
  createEndpointAction,
  updateEndpointAction,
} from '@/app/(console)/konpro/endpoints/actions'
import { EventPicker } from './event-picker'

const URL_HELP = 'KonPro checks the URL with an OPTIONS request that must answer within 1 second.'

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
  const { register, handleSubmit, control, setError, formState } = form
  const { errors, isSubmitting } = formState

  // KonPro's 400s are about the URL (https, the OPTIONS check), so they show next to that field.
  const showFailure = (result: Extract<ActionResult<unknown>, { ok: false }>) =>
    showEndpointFailure(result, form.getValues(), setError, setFormError)

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
      router.push('/konpro/endpoints')
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
        <EndpointUrlField form={form} receiverUrl={receiverUrl} provider="konpro" help={URL_HELP} />

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
          <TextField
            id="entityId"
            label="Entity ID"
            hint="optional"
            help="Only receive events about this video or project."
            placeholder="e.g. project123"
            className="font-mono sm:max-w-sm"
            registration={register('entityId')}
            error={errors.entityId?.message}
          />
        )}

        <FormError message={formError} />
        <EndpointFormActions
          editing={!!endpoint}
          submitting={isSubmitting}
          disabled={!hydrated}
          cancelHref="/konpro/endpoints"
        />
      </fieldset>
    </form>
  )
}
