'use client'

import { ActionForm } from '@/components/ui/action-form'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import type { z } from 'zod'
import type { ActionResult } from '@/lib/actions/result'
import { safeNextPath } from '@/lib/auth/next-path'
import { signInSchema } from '@/lib/validations/auth'
import { EmailField } from './email-field'

async function signIn(values: z.output<typeof signInSchema>): Promise<ActionResult> {
  const res = await fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(values),
  })
  if (res.ok) return { ok: true, data: undefined }
  const body = (await res.json().catch(() => ({}))) as { error?: string }
  return { ok: false, formError: body.error ?? 'Sign-in failed. Try again.' }
}

export function SignInForm({ next }: { next: string }) {
  const state = useActionForm({
    schema: signInSchema,
    defaultValues: { email: '', password: '' },
    action: signIn,
    // A full page load, not router.replace: the client router still holds what it fetched while
    // signed out (the sign-in page's own links prefetched /konpro/endpoints, and the answer was the
    // redirect back to /login), and a soft navigation would reuse it and render an empty card.
    // Checked again against this origin, whatever the server passed in.
    onSuccess: () =>
      window.location.replace(
        new URL(safeNextPath(next, window.location.origin), window.location.origin).href,
      ),
  })

  const { form, errors } = state

  return (
    <ActionForm state={state} submitLabel="Sign in" pendingLabel="Signing in…">
      <EmailField register={form.register} error={errors.email?.message} />
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...form.register('password')} />
      </Field>
    </ActionForm>
  )
}
