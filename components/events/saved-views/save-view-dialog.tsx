'use client'

import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { eventsHref } from '@/lib/events/events-href'
import { FieldError, FormError } from '@/components/auth/form-messages'
import { saveViewSchema } from '@/lib/validations/saved-view'
import { saveViewAction } from '@/app/(console)/events/saved-view-actions'

type Values = z.input<typeof saveViewSchema>

/** Names the current filters and saves them as one of the user's views. */
export function SaveViewDialog({
  open,
  onOpenChange,
  query,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  query: string
}) {
  const form = useForm<Values, unknown, z.output<typeof saveViewSchema>>({
    resolver: zodResolver(saveViewSchema),
    defaultValues: { name: '', query },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await saveViewAction(values)
    if (result.ok) {
      onOpenChange(false)
      form.reset({ name: '', query })
      return
    }
    if (result.fieldErrors?.name) form.setError('name', { message: result.fieldErrors.name[0] })
    const other = result.formError ?? result.fieldErrors?.query?.[0]
    if (other) form.setError('root', { message: other })
  })

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) form.clearErrors()
        onOpenChange(next)
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Save view</DialogTitle>
          <DialogDescription>
            Keeps these filters under a name, in your Saved views menu. Only you see it.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            <Label htmlFor="saved-view-name">View name</Label>
            <Input
              id="saved-view-name"
              autoComplete="off"
              placeholder="Failed renders last 24h"
              maxLength={200}
              aria-invalid={!!errors.name}
              aria-describedby={errors.name ? 'saved-view-name-error' : undefined}
              {...form.register('name')}
            />
            <div id="saved-view-name-error">
              <FieldError message={errors.name?.message} />
            </div>
          </div>
          <code className="rounded bg-muted px-2 py-1 font-mono text-xs break-all text-muted-foreground">
            {eventsHref(query, '')}
          </code>
          <FormError message={errors.root?.message ?? errors.query?.message} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Saving…' : 'Save view'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
