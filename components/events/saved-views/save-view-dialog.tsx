'use client'

import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { Input } from '@/components/ui/input'
import { TitledDialog, type DialogOpenState } from '@/components/ui/titled-dialog'
import { useActionForm } from '@/components/ui/use-action-form'
import { eventsHref } from '@/lib/events/events-href'
import { saveViewSchema } from '@/lib/validations/saved-view'
import { saveViewAction } from '@/app/(console)/events/saved-view-actions'

/** Names the current filters and saves them as one of the user's views. */
export function SaveViewDialog({ open, onOpenChange, query }: DialogOpenState & { query: string }) {
  const { form, onSubmit, formError, setFormError, errors, isSubmitting } = useActionForm({
    schema: saveViewSchema,
    defaultValues: { name: '', query },
    action: saveViewAction,
    onSuccess: () => {
      onOpenChange(false)
      form.reset({ name: '', query })
    },
  })

  return (
    <TitledDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          form.clearErrors()
          setFormError(null)
        }
        onOpenChange(next)
      }}
      title="Save view"
      description="Keeps these filters under a name, in your Saved views menu. Only you see it."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <Field id="saved-view-name" label="View name" error={errors.name?.message}>
          <Input
            autoComplete="off"
            placeholder="Failed renders last 24h"
            maxLength={200}
            {...form.register('name')}
          />
        </Field>
        <code className="rounded bg-muted px-2 py-1 font-mono text-xs break-all text-muted-foreground">
          {eventsHref(query, '')}
        </code>
        <FormError message={formError ?? errors.query?.message} />
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save view'}
          </Button>
        </DialogFooter>
      </form>
    </TitledDialog>
  )
}
