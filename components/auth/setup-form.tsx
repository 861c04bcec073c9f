'use client'

import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import { MIN_PASSWORD_LENGTH, setupSchema } from '@/lib/validations/auth'
import { setupAction } from '@/app/(auth)/setup/actions'
import { FieldError, FormError } from './form-messages'

type Values = z.input<typeof setupSchema>

export function SetupForm() {
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(null)
  const form = useForm<Values, unknown, z.output<typeof setupSchema>>({
    resolver: zodResolver(setupSchema),
    defaultValues: { email: '', password: '', confirm: '' },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    const result = await setupAction(values)
    if (result.ok) {
      // A full page load drops what the client router fetched before the session existed.
      window.location.replace('/konpro/endpoints')
      return
    }
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      form.setError(field as keyof Values, { message: messages?.[0] })
    }
    setError(result.formError ?? null)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          aria-invalid={!!errors.email}
          {...form.register('email')}
        />
        <FieldError message={errors.email?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.password}
          aria-describedby="password-help"
          {...form.register('password')}
        />
        <p id="password-help" className="text-xs text-muted-foreground">
          At least {MIN_PASSWORD_LENGTH} characters. A passphrase works well.
        </p>
        <FieldError message={errors.password?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="confirm">Repeat password</Label>
        <Input
          id="confirm"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.confirm}
          {...form.register('confirm')}
        />
        <FieldError message={errors.confirm?.message} />
      </div>
      <FormError message={error} />
      <Button type="submit" disabled={isSubmitting || !hydrated}>
        {isSubmitting ? 'Creating…' : 'Create admin and sign in'}
      </Button>
    </form>
  )
}
