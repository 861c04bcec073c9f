'use client'

import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { GitCompareIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { FieldError } from '@/components/ui/form-message'
import { compareSchema } from '@/lib/validations/compare'

type FormInput = z.input<typeof compareSchema>
type FormOutput = z.output<typeof compareSchema>

/** Two delivery numbers, or one fixed (the delivery being looked at) and the other to pick. */
export function CompareForm({ a }: { a?: number }) {
  const router = useRouter()
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(compareSchema),
    defaultValues: { a: a ?? '', b: '' },
  })
  const { errors } = form.formState
  return (
    <form
      noValidate
      className="flex flex-wrap items-start gap-3"
      onSubmit={form.handleSubmit(({ a, b }) => router.push(`/events/compare?a=${a}&b=${b}`))}
    >
      {[
        ['a', 'Delivery A'],
        ['b', 'Delivery B'],
      ].map(([name, label]) => (
        <div key={name} className="flex w-36 flex-col gap-1.5">
          <Label htmlFor={`compare-${name}`}>{label}</Label>
          <Input
            id={`compare-${name}`}
            inputMode="numeric"
            placeholder="#"
            aria-invalid={!!errors[name as 'a' | 'b']}
            {...form.register(name as 'a' | 'b')}
          />
          <FieldError message={errors[name as 'a' | 'b']?.message} />
        </div>
      ))}
      <Button type="submit" variant="outline" className="mt-6">
        <GitCompareIcon /> Compare
      </Button>
    </form>
  )
}
