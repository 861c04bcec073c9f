'use client'

import { useState } from 'react'
import { InlineActionForm } from '@/components/ui/action-form'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { newTokenSchema } from '@/lib/tokens/schema'
import { createAccessTokenAction } from '@/app/(console)/settings/tokens/actions'
import { OneTimeSecret } from './one-time-secret'

export function TokensCreateForm() {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const state = useActionForm({
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

  const { form, errors } = state

  return (
    <div className="flex flex-col gap-4">
      <InlineActionForm state={state} submitLabel="Create token" pendingLabel="Creating…">
        <Field
          id="new-token-name"
          label="Token name"
          error={errors.name?.message}
          className="flex-1"
        >
          <Input autoComplete="off" placeholder="laptop forwarder" {...form.register('name')} />
        </Field>
      </InlineActionForm>
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
