'use client'

import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { KeyRoundIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import { CopyButton } from '@/components/copy-button'
import { FieldError, FormError } from '@/components/auth/form-messages'
import { newUserSchema } from '@/lib/validations/auth'
import { addUserAction } from '@/app/(console)/settings/users/actions'

type Values = z.input<typeof newUserSchema>

export function AddUserForm() {
  const hydrated = useHydrated()
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const form = useForm<Values, unknown, z.output<typeof newUserSchema>>({
    resolver: zodResolver(newUserSchema),
    defaultValues: { email: '', role: 'viewer' },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    setCreated(null)
    const result = await addUserAction(values)
    if (result.ok) {
      setCreated(result.data)
      form.reset({ email: '', role: values.role })
      return
    }
    if (result.fieldErrors?.email) form.setError('email', { message: result.fieldErrors.email[0] })
    setError(result.formError ?? null)
  })

  return (
    <div className="flex flex-col gap-4">
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <div className="flex flex-1 flex-col gap-2">
          <Label htmlFor="new-user-email">Email</Label>
          <Input
            id="new-user-email"
            type="email"
            autoComplete="off"
            aria-invalid={!!errors.email}
            {...form.register('email')}
          />
          <FieldError message={errors.email?.message} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="new-user-role">Role</Label>
          <select
            id="new-user-role"
            className="h-9 rounded-md border border-input bg-card px-3 text-sm shadow-sm"
            {...form.register('role')}
          >
            <option value="viewer">Viewer</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <Button type="submit" disabled={isSubmitting || !hydrated} className="sm:mt-6">
          {isSubmitting ? 'Adding…' : 'Add user'}
        </Button>
      </form>
      <FormError message={error} />
      {created ? (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-md border border-success/40 bg-success/10 p-4 text-sm"
        >
          <p className="flex items-center gap-2 font-medium">
            <KeyRoundIcon className="size-4" aria-hidden /> {created.email} can sign in with this
            one-time password:
          </p>
          <div className="flex items-center gap-2">
            <code className="rounded bg-card px-2 py-1 font-mono" data-testid="one-time-password">
              {created.password}
            </code>
            <CopyButton value={created.password} label="Copy password" />
          </div>
          <p className="text-muted-foreground">
            It is shown only now. Send it to them over a channel you trust.
          </p>
        </div>
      ) : null}
    </div>
  )
}
