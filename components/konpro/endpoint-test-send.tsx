'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { RotateCcwIcon, SendIcon } from 'lucide-react'
import { SubmitButton } from '@/components/ui/action-form'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { Select } from '@/components/ui/select'
import { Textarea } from '@/components/ui/textarea'
import { useActionForm } from '@/components/ui/use-action-form'
import type { DeliveryResult } from '@/lib/providers/konpro/sandbox/deliver'
import { testEventSchema } from '@/lib/validations/test-event'
import { sendTestEventAction } from '@/app/(console)/konpro/endpoints/actions'

const pretty = (value: unknown) => JSON.stringify(value, null, 2)

/**
 * Sandbox only: one event to this endpoint alone, with the type's example payload to edit first
 * (a changed payload is kept when the type changes; "Example" puts the sample back).
 */
export function EndpointTestSend({
  endpointId,
  examples,
}: {
  endpointId: string
  examples: Record<string, unknown>
}) {
  const router = useRouter()
  const types = Object.keys(examples)
  const [result, setResult] = useState<DeliveryResult | null>(null)
  const { form, onSubmit, formError, errors, isSubmitting } = useActionForm({
    schema: testEventSchema,
    defaultValues: {
      endpointId,
      eventType: types[0] ?? '',
      payload: pretty(examples[types[0] ?? '']),
    },
    action: (values) => {
      setResult(null)
      return sendTestEventAction(values)
    },
    onSuccess: (data) => {
      setResult(data[0] ?? null)
      router.refresh()
    },
  })
  const { dirtyFields } = form.formState

  const eventType = form.register('eventType', {
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
      if (!dirtyFields.payload) form.setValue('payload', pretty(examples[e.target.value]))
    },
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Field id="endpoint-test-type" label="Event type" error={errors.eventType?.message}>
        <Select className="w-full font-mono sm:max-w-80" {...eventType}>
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </Select>
      </Field>
      <Field
        id="endpoint-test-payload"
        label="Payload"
        labelEnd={
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() =>
              form.setValue('payload', pretty(examples[form.getValues('eventType')]), {
                shouldDirty: false,
              })
            }
          >
            <RotateCcwIcon /> Example
          </Button>
        }
        hint="Sent as written, signed with this endpoint’s secret, to this endpoint only."
        error={errors.payload?.message}
      >
        <Textarea
          rows={10}
          spellCheck={false}
          className="min-h-40 p-3 font-mono text-xs"
          {...form.register('payload')}
        />
      </Field>
      <FormError message={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton
          pending={isSubmitting}
          pendingLabel={
            <>
              <SendIcon /> Sending…
            </>
          }
        >
          <SendIcon /> Send to this endpoint
        </SubmitButton>
        {result ? (
          <p role="status" className="flex items-center gap-2 text-sm">
            <Badge
              variant={result.statusCode && result.statusCode < 300 ? 'success' : 'destructive'}
            >
              {result.statusCode ? `HTTP ${result.statusCode}` : 'Not delivered'}
            </Badge>
            <span className="text-muted-foreground">
              {result.statusCode ? `in ${result.durationMs} ms` : result.error}
            </span>
          </p>
        ) : null}
      </div>
    </form>
  )
}
