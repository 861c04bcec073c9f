'use client'

import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { NumberInput } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { retentionSchema, type Retention } from '@/lib/validations/settings'
import { setRetentionAction } from '@/app/(console)/settings/actions'

const LIMITS = [
  { name: 'retentionDays', label: 'Keep deliveries for (days)', min: 1, max: 3650 },
  { name: 'maxRows', label: 'Most deliveries kept', min: 1000 },
] as const

/** How long deliveries are kept, and how many at most; the purge applies a change at once. */
export function RetentionForm({ value, canEdit }: { value: Retention; canEdit: boolean }) {
  const { form, onSubmit, formError, hydrated, errors, isSubmitting } = useActionForm({
    schema: retentionSchema,
    defaultValues: value,
    action: setRetentionAction,
    onSuccess: (_, values) => {
      form.reset(values)
      toast.success(
        `Deliveries are now kept for ${values.retentionDays} days, at most ${values.maxRows.toLocaleString('en')}.`,
      )
    },
  })

  const disabled = !canEdit || !hydrated
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {LIMITS.map(({ name, label, ...range }) => (
          <Field key={name} id={name} label={label} error={errors[name]?.message}>
            <NumberInput
              {...range}
              disabled={disabled}
              {...form.register(name, { valueAsNumber: true })}
            />
          </Field>
        ))}
      </div>
      <FormError message={formError} />
      {canEdit ? (
        <div>
          <Button type="submit" disabled={disabled || isSubmitting || !form.formState.isDirty}>
            {isSubmitting ? 'Saving…' : 'Save retention'}
          </Button>
        </div>
      ) : null}
    </form>
  )
}
