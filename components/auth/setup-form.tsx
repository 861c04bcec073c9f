'use client'

import { ActionForm } from '@/components/ui/action-form'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { MIN_PASSWORD_LENGTH, setupSchema } from '@/lib/validations/auth'
import { setupAction } from '@/app/(auth)/setup/actions'
import { EmailField } from './email-field'

export function SetupForm() {
  const state = useActionForm({
    schema: setupSchema,
    defaultValues: { email: '', password: '', confirm: '' },
    action: setupAction,
    // A full page load drops what the client router fetched before the session existed.
    onSuccess: () => window.location.replace('/konpro/endpoints'),
  })

  const { form, errors } = state

  return (
    <ActionForm state={state} submitLabel="Create admin and sign in" pendingLabel="Creating…">
      <EmailField register={form.register} error={errors.email?.message} />
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
    </ActionForm>
  )
}
