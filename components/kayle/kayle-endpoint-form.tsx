'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { FieldError, FormError } from '@/components/ui/form-message'
import {
  CheckField,
  EndpointFormActions,
  EndpointUrlField,
  TextField,
  showEndpointFailure,
} from '@/components/provider/endpoint-form-fields'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import type { ActionResult } from '@/lib/actions/result'
import {
  KAYLE_EVENT_TYPES,
  KAYLE_RETENTION_HOURS,
  isKayleEventType,
} from '@/lib/providers/kayle/event-catalog'
import type { KayleEndpoint } from '@/lib/providers/kayle/schemas'
import type { z } from 'zod'
import { kayleCreateSchema } from '@/lib/validations/kayle-endpoint'
import { createKayleEndpointAction, updateKayleEndpointAction } from '@/app/(console)/kayle/actions'

type Input = z.input<typeof kayleCreateSchema>
type Output = z.output<typeof kayleCreateSchema>

const RETENTION_LABELS: Record<number, string> = {
  0: 'Do not keep (0 hours)',
  24: '24 hours',
  72: '72 hours (Kayle’s default)',
  168: '7 days (168 hours)',
}
const FIELD_NAMES: Record<string, string> = {
  url: 'URL',
  name: 'name',
  labels: 'labels',
  enabled: 'enabled',
  eventTypes: 'event types',
  retentionHours: 'retention',
}
const URL_HELP = 'https:// only; http:// is accepted for localhost while developing.'
const TEXT_FIELDS = [
  { id: 'name', label: 'Name', hint: 'optional', placeholder: 'Production verifications' },
  {
    id: 'labels',
    label: 'Labels',
    hint: 'comma-separated, up to 8',
    placeholder: 'billing, fraud-review',
  },
] as const
const selectClass =
  'h-9 w-full rounded-md border border-input bg-card px-2.5 text-sm shadow-sm sm:max-w-xs disabled:opacity-50'

function valuesOf(endpoint?: KayleEndpoint): Input {
  return {
    url: endpoint?.url ?? '',
    name: endpoint?.name ?? '',
    labels: endpoint?.labels.join(', ') ?? '',
    enabled: endpoint?.enabled ?? true,
    eventTypes: (endpoint?.subscribedEventTypes ?? []).filter(isKayleEventType),
    retentionHours: endpoint?.undeliveredPayloadRetentionHours ?? 72,
    createKey: true,
  }
}

/** Create or edit a Kayle endpoint; an edit sends only what changed. */
export function KayleEndpointForm({
  receiverUrl,
  endpoint,
}: {
  receiverUrl: string
  endpoint?: KayleEndpoint
}) {
  const router = useRouter()
  const hydrated = useHydrated()
  const [formError, setFormError] = useState<string | null>(null)
  const initial = valuesOf(endpoint)
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(kayleCreateSchema),
    defaultValues: initial,
  })
  const { register, handleSubmit, setError, formState } = form
  const { errors, isSubmitting, dirtyFields } = formState

  // Kayle's 400s are nearly always about the URL, so they show next to that field.
  const showFailure = (result: Extract<ActionResult<unknown>, { ok: false }>) =>
    showEndpointFailure(result, initial, setError, setFormError)

  // The action parses the same schema, so it gets the form's raw values, not the parsed ones.
  const onSubmit = handleSubmit(async () => {
    setFormError(null)
    const raw = form.getValues()
    if (!endpoint) {
      const result = await createKayleEndpointAction(raw)
      if (!result.ok) return showFailure(result)
      toast.success('Kayle endpoint created', { description: raw.url })
      if (result.data.keyError)
        toast.error(`The encryption key was not created: ${result.data.keyError}`)
      router.push(`/kayle/endpoints/${encodeURIComponent(result.data.id)}`)
      return
    }
    const keys = (Object.keys(dirtyFields) as Array<keyof Input>).filter((k) => k !== 'createKey')
    if (!keys.length) return setFormError('Nothing changed, so there is nothing to save.')
    const result = await updateKayleEndpointAction({
      id: endpoint.id,
      ...Object.fromEntries(keys.map((k) => [k, raw[k]])),
    })
    if (!result.ok) return showFailure(result)
    toast.success('Kayle endpoint saved', {
      description: `Updated ${keys.map((k) => FIELD_NAMES[k]).join(', ')}.`,
    })
    form.reset(raw)
    router.refresh()
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <fieldset disabled={!hydrated} className="contents">
        <EndpointUrlField form={form} receiverUrl={receiverUrl} provider="kayle" help={URL_HELP} />

        <div className="grid gap-4 sm:grid-cols-2">
          {TEXT_FIELDS.map((f) => (
            <TextField
              key={f.id}
              {...f}
              registration={register(f.id)}
              error={errors[f.id]?.message}
            />
          ))}
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium">Event types</legend>
          <p className="text-xs text-muted-foreground">Tick none to receive every event type.</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {KAYLE_EVENT_TYPES.map((t) => (
              <label
                key={t.eventType}
                className="flex items-start gap-2 rounded-md border p-2.5 text-sm"
              >
                <input
                  type="checkbox"
                  value={t.eventType}
                  className="mt-0.5 size-4 accent-[var(--primary)]"
                  {...register('eventTypes')}
                />
                <span className="min-w-0">
                  <span className="block font-mono text-xs font-medium break-all">
                    {t.eventType}
                  </span>
                  <span className="text-xs text-muted-foreground">{t.description}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError message={errors.eventTypes?.message} />
        </fieldset>

        <div className="flex flex-col gap-2">
          <Label htmlFor="retentionHours">Keep undelivered payloads for</Label>
          <select
            id="retentionHours"
            className={selectClass}
            {...register('retentionHours', { valueAsNumber: true })}
          >
            {KAYLE_RETENTION_HOURS.map((h) => (
              <option key={h} value={h}>
                {RETENTION_LABELS[h]}
              </option>
            ))}
          </select>
          <p className="text-xs text-muted-foreground">
            How long Kayle keeps an encrypted payload it could not deliver, for retries.
          </p>
          <FieldError message={errors.retentionHours?.message} />
        </div>

        <CheckField registration={register('enabled')} label="Enabled">
          A paused endpoint receives nothing until it is enabled again.
        </CheckField>

        {endpoint ? null : (
          <CheckField registration={register('createKey')} label="Create an encryption key now">
            Kayle encrypts every delivery for a key registered on the endpoint, and sends nothing to
            an endpoint without one. The console makes the key pair, registers the public half and
            keeps the private half encrypted.
          </CheckField>
        )}

        <FormError message={formError} />
        <EndpointFormActions
          editing={!!endpoint}
          submitting={isSubmitting}
          cancelHref="/kayle/endpoints"
        />
      </fieldset>
    </form>
  )
}
