'use client'

import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { FieldError, FormError } from '@/components/auth/form-messages'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import { retentionSchema, type Retention } from '@/lib/validations/settings'
import { setRetentionAction } from '@/app/(console)/settings/actions'

/** How long deliveries are kept, and how many at most; the purge applies a change at once. */
export function RetentionForm({ value, canEdit }: { value: Retention; canEdit: boolean }) {
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(null)
  const form = useForm<Retention>({ resolver: zodResolver(retentionSchema), defaultValues: value })
  const { errors, isSubmitting, isDirty } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    const result = await setRetentionAction(values)
    if (result.ok) {
      form.reset(values)
      toast.success(
        `Deliveries are now kept for ${values.retentionDays} days, at most ${values.maxRows.toLocaleString('en')}.`,
      )
      return
    }
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      form.setError(field as keyof Retention, { message: messages?.[0] })
    }
    setError(result.formError ?? null)
  })

  const disabled = !canEdit || !hydrated
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor="retentionDays">Keep deliveries for (days)</Label>
          <Input
            id="retentionDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            disabled={disabled}
            aria-invalid={!!errors.retentionDays}
            {...form.register('retentionDays', { valueAsNumber: true })}
          />
          <FieldError message={errors.retentionDays?.message} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="maxRows">Most deliveries kept</Label>
          <Input
            id="maxRows"
            type="number"
            inputMode="numeric"
            min={1000}
            disabled={disabled}
            aria-invalid={!!errors.maxRows}
            {...form.register('maxRows', { valueAsNumber: true })}
          />
          <FieldError message={errors.maxRows?.message} />
        </div>
      </div>
      <FormError message={error} />
      {canEdit ? (
        <div>
          <Button type="submit" disabled={disabled || isSubmitting || !isDirty}>
            {isSubmitting ? 'Saving…' : 'Save retention'}
          </Button>
        </div>
      ) : null}
    </form>
  )
}
