'use client'

import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import { safeNextPath } from '@/lib/auth/next-path'
import { signInSchema } from '@/lib/validations/auth'
import { FieldError, FormError } from './form-messages'

type Values = z.input<typeof signInSchema>

export function SignInForm({ next }: { next: string }) {
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState } = useForm<
    Values,
    unknown,
    z.output<typeof signInSchema>
  >({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  })

  const onSubmit = handleSubmit(async (values) => {
    setError(null)
    const res = await fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(values),
    })
    if (res.ok) {
      // A full page load, not router.replace: the client router still holds what it fetched while
      // signed out (the sign-in page's own links prefetched /konpro/endpoints, and the answer was the
      // redirect back to /login), and a soft navigation would reuse it and render an empty card.
      // Checked again against this origin, whatever the server passed in.
      window.location.replace(
        new URL(safeNextPath(next, window.location.origin), window.location.origin).href,
      )
      return
    }
    const body = (await res.json().catch(() => ({}))) as { error?: string }
    setError(body.error ?? 'Sign-in failed. Try again.')
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          aria-invalid={!!formState.errors.email}
          {...register('email')}
        />
        <FieldError message={formState.errors.email?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!formState.errors.password}
          {...register('password')}
        />
        <FieldError message={formState.errors.password?.message} />
      </div>
      <FormError message={error} />
      <Button type="submit" disabled={formState.isSubmitting || !hydrated}>
        {formState.isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
