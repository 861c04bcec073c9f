'use client'

import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { Input } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { newTokenSchema } from '@/lib/tokens/schema'
import { createAccessTokenAction } from '@/app/(console)/settings/tokens/actions'
import { OneTimeSecret } from './one-time-secret'

export function TokensCreateForm() {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const { form, onSubmit, formError, hydrated, errors, isSubmitting } = useActionForm({
    schema: newTokenSchema,
    defaultValues: { name: '' },
    action: (values) => {
      setCreated(null)
      return createAccessTokenAction(values)
    },
    onSuccess: (data) => {
      setCreated(data)
      form.reset({ name: '' })
    },
  })

  return (
    <div className="flex flex-col gap-4">
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <Field
          id="new-token-name"
          label="Token name"
          error={errors.name?.message}
          className="flex-1"
        >
          <Input autoComplete="off" placeholder="laptop forwarder" {...form.register('name')} />
        </Field>
        <Button type="submit" disabled={isSubmitting || !hydrated} className="sm:mt-6">
          {isSubmitting ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      <FormError message={formError} />
      {created ? (
        <OneTimeSecret
          heading={<>Token “{created.name}” is ready:</>}
          value={created.token}
          copyLabel="Copy token"
          testId="new-access-token"
        >
          It is shown only now. Use it as{' '}
          <code className="font-mono">
            npx konpro-console forward --token {created.token.slice(0, 8)}…
          </code>
        </OneTimeSecret>
      ) : null}
    </div>
  )
}
