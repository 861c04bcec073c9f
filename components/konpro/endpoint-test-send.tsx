'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { RotateCcwIcon, SendIcon } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { FieldError, FormError } from '@/components/auth/form-messages'
import type { DeliveryResult } from '@/lib/konpro/sandbox/deliver'
import { testEventSchema, type TestEventInput } from '@/lib/validations/test-event'
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
  const [error, setError] = useState<string | null>(null)
  const form = useForm<TestEventInput, unknown, z.output<typeof testEventSchema>>({
    resolver: zodResolver(testEventSchema),
    defaultValues: {
      endpointId,
      eventType: types[0] ?? '',
      payload: pretty(examples[types[0] ?? '']),
    },
  })
  const { errors, isSubmitting, dirtyFields } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    setResult(null)
    const answer = await sendTestEventAction(values)
    if (!answer.ok) {
      for (const field of ['eventType', 'payload'] as const) {
        const message = answer.fieldErrors?.[field]?.[0]
        if (message) form.setError(field, { message })
      }
      setError(answer.formError ?? null)
      return
    }
    setResult(answer.data[0] ?? null)
    router.refresh()
  })

  const eventType = form.register('eventType', {
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
      if (!dirtyFields.payload) form.setValue('payload', pretty(examples[e.target.value]))
    },
  })
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <Label htmlFor="endpoint-test-type">Event type</Label>
        <select
          id="endpoint-test-type"
          className="h-9 w-full min-w-0 rounded-md border border-input bg-card px-3 font-mono text-sm shadow-sm sm:max-w-80"
          {...eventType}
        >
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <FieldError message={errors.eventType?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor="endpoint-test-payload">Payload</Label>
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
        </div>
        <textarea
          id="endpoint-test-payload"
          rows={10}
          spellCheck={false}
          aria-invalid={!!errors.payload}
          className="min-h-40 w-full min-w-0 rounded-md border border-input bg-card p-3 font-mono text-xs shadow-sm aria-invalid:border-destructive"
          {...form.register('payload')}
        />
        <FieldError message={errors.payload?.message} />
        <p className="text-xs text-muted-foreground">
          Sent as written, signed with this endpoint’s secret, to this endpoint only.
        </p>
      </div>
      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>
          <SendIcon /> {isSubmitting ? 'Sending…' : 'Send to this endpoint'}
        </Button>
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
