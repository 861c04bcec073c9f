'use client'

import { useState } from 'react'
import { InlineActionForm } from '@/components/ui/action-form'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Select } from '@/components/ui/select'
import { useActionForm } from '@/components/ui/use-action-form'
import { newUserSchema } from '@/lib/validations/auth'
import { addUserAction } from '@/app/(console)/settings/users/actions'
import { OneTimeSecret } from './one-time-secret'

export function AddUserForm() {
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null)
  const state = useActionForm({
    schema: newUserSchema,
    defaultValues: { email: '', role: 'viewer' },
    action: (values) => {
      setCreated(null)
      return addUserAction(values)
    },
    onSuccess: (data, values) => {
      setCreated(data)
      form.reset({ email: '', role: values.role })
    },
  })

  const { form, errors } = state

  return (
    <div className="flex flex-col gap-4">
      <InlineActionForm state={state} submitLabel="Add user" pendingLabel="Adding…">
        <Field id="new-user-email" label="Email" error={errors.email?.message} className="flex-1">
          <Input type="email" autoComplete="off" {...form.register('email')} />
        </Field>
        <Field id="new-user-role" label="Role">
          <Select {...form.register('role')}>
            <option value="viewer">Viewer</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
      </InlineActionForm>
      {created ? (
        <OneTimeSecret
          heading={<>{created.email} can sign in with this one-time password:</>}
          value={created.password}
          copyLabel="Copy password"
          testId="one-time-password"
        >
          It is shown only now. Send it to them over a channel you trust.
        </OneTimeSecret>
      ) : null}
    </div>
  )
}
