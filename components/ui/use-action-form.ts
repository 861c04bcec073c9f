'use client'

import { useState } from 'react'
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
} from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { useHydrated } from '@/components/use-hydrated'
import type { ActionResult } from '@/lib/actions/result'

/**
 * A react-hook-form form checked with the same zod schema as its action: on submit the action
 * runs, a success goes to `onSuccess`, field errors land on their fields and anything else
 * becomes the form's error. Server errors for names the form does not have are not shown twice.
 */
export function useActionForm<Input extends FieldValues, Output, Data>({
  schema,
  defaultValues,
  action,
  onSuccess,
}: {
  schema: z.ZodType<Output, Input>
  defaultValues: DefaultValues<Input> & Input
  action: (values: Output) => Promise<ActionResult<Data>>
  onSuccess: (data: Data, values: Output) => void
}) {
  const hydrated = useHydrated()
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(schema as never) as unknown as Resolver<Input, unknown, Output>,
    defaultValues,
  })

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null)
    const result = await action(values)
    if (result.ok) return onSuccess(result.data, values)
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (field in defaultValues) form.setError(field as Path<Input>, { message: messages?.[0] })
    }
    setFormError(result.formError ?? null)
  })

  const { errors, isSubmitting } = form.formState
  return { form, onSubmit, formError, setFormError, hydrated, errors, isSubmitting }
}
