import type { UseFormRegisterReturn } from 'react-hook-form'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'

/** The sign-in email, the same on the setup and sign-in forms so password managers pair them. */
export function EmailField({
  register,
  error,
}: {
  register: (name: 'email') => UseFormRegisterReturn
  error?: string
}) {
  return (
    <Field id="email" label="Email" error={error}>
      <Input type="email" autoComplete="username" {...register('email')} />
    </Field>
  )
}
