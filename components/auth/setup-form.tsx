'use client'

import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { Input } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { MIN_PASSWORD_LENGTH, setupSchema } from '@/lib/validations/auth'
import { setupAction } from '@/app/(auth)/setup/actions'

export function SetupForm() {
  const { form, onSubmit, formError, hydrated, errors, isSubmitting } = useActionForm({
    schema: setupSchema,
    defaultValues: { email: '', password: '', confirm: '' },
    action: setupAction,
    // A full page load drops what the client router fetched before the session existed.
    onSuccess: () => window.location.replace('/endpoints'),
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" {...form.register('email')} />
      </Field>
      <Field
        id="password"
        label="Password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A passphrase works well.`}
        error={errors.password?.message}
      >
        <Input type="password" autoComplete="new-password" {...form.register('password')} />
      </Field>
      <Field id="confirm" label="Repeat password" error={errors.confirm?.message}>
        <Input type="password" autoComplete="new-password" {...form.register('confirm')} />
      </Field>
      <FormError message={formError} />
      <Button type="submit" disabled={isSubmitting || !hydrated}>
        {isSubmitting ? 'Creating…' : 'Create admin and sign in'}
      </Button>
    </form>
  )
}
