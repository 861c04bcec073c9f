'use client'

import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { FieldError, FormError } from '@/components/ui/form-message'
import type { SavedViewListing } from '@/lib/events/saved-views'
import { renameViewSchema } from '@/lib/validations/saved-view'
import { renameViewAction } from '@/app/(console)/events/saved-view-actions'

type Values = z.input<typeof renameViewSchema>

/** Renames one view in place; a name already taken is said under the field. */
export function RenameViewForm({ view, onDone }: { view: SavedViewListing; onDone: () => void }) {
  const form = useForm<Values, unknown, z.output<typeof renameViewSchema>>({
    resolver: zodResolver(renameViewSchema),
    defaultValues: { id: view.id, name: view.name },
  })
  const { errors, isSubmitting } = form.formState
  const fieldId = `rename-view-${view.id}`

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await renameViewAction(values)
    if (result.ok) return onDone()
    if (result.fieldErrors?.name) form.setError('name', { message: result.fieldErrors.name[0] })
    if (result.formError) form.setError('root', { message: result.formError })
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-2">
      <label htmlFor={fieldId} className="sr-only">
        New name for {view.name}
      </label>
      <div className="flex min-w-0 gap-2">
        <Input
          id={fieldId}
          autoFocus
          autoComplete="off"
          maxLength={200}
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? `${fieldId}-error` : undefined}
          {...form.register('name')}
        />
        <Button type="submit" size="sm" className="h-9" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save'}
        </Button>
        <Button type="button" size="sm" variant="ghost" className="h-9" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <div id={`${fieldId}-error`}>
        <FieldError message={errors.name?.message} />
      </div>
      <FormError message={errors.root?.message} />
    </form>
  )
}
