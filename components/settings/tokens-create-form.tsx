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
import { newTokenSchema } from '@/lib/tokens/schema'
import { createAccessTokenAction } from '@/app/(console)/settings/tokens/actions'

type Values = z.input<typeof newTokenSchema>

export function TokensCreateForm() {
  const hydrated = useHydrated()
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const form = useForm<Values, unknown, z.output<typeof newTokenSchema>>({
    resolver: zodResolver(newTokenSchema),
    defaultValues: { name: '' },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    setCreated(null)
    const result = await createAccessTokenAction(values)
    if (result.ok) {
      setCreated(result.data)
      form.reset({ name: '' })
      return
    }
    if (result.fieldErrors?.name) form.setError('name', { message: result.fieldErrors.name[0] })
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
          <Label htmlFor="new-token-name">Token name</Label>
          <Input
            id="new-token-name"
            autoComplete="off"
            placeholder="laptop forwarder"
            aria-invalid={!!errors.name}
            {...form.register('name')}
          />
          <FieldError message={errors.name?.message} />
        </div>
        <Button type="submit" disabled={isSubmitting || !hydrated} className="sm:mt-6">
          {isSubmitting ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      <FormError message={error} />
      {created ? (
        <div
          role="status"
          className="flex min-w-0 flex-col gap-2 rounded-md border border-success/40 bg-success/10 p-4 text-sm"
        >
          <p className="flex items-center gap-2 font-medium">
            <KeyRoundIcon className="size-4 shrink-0" aria-hidden /> Token “{created.name}” is
            ready:
          </p>
          <div className="flex min-w-0 items-center gap-2">
            <code
              className="min-w-0 rounded bg-card px-2 py-1 font-mono break-all"
              data-testid="new-access-token"
            >
              {created.token}
            </code>
            <CopyButton value={created.token} label="Copy token" />
          </div>
          <p className="text-muted-foreground">
            It is shown only now. Use it as{' '}
            <code className="font-mono">
              npx konpro-console forward --token {created.token.slice(0, 8)}…
            </code>
          </p>
        </div>
      ) : null}
    </div>
  )
}
