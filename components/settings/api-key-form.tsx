'use client'

import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { FieldError, FormError } from '@/components/auth/form-messages'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import { apiKeySchema, type ApiKeyInput } from '@/lib/validations/settings'
import { removeApiKeyAction, storeApiKeyAction } from '@/app/(console)/settings/actions'

/** Stores a KonPro API key from the UI (sealed on the server); the field is cleared once saved. */
export function ApiKeyForm({ stored }: { stored: boolean }) {
  const router = useRouter()
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(null)
  const [removing, startRemove] = useTransition()
  const form = useForm<ApiKeyInput>({
    resolver: zodResolver(apiKeySchema),
    defaultValues: { apiKey: '' },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    const result = await storeApiKeyAction(values)
    if (result.ok) {
      form.reset({ apiKey: '' })
      if (result.data.tested) toast.success(result.data.message)
      else toast.warning(result.data.message)
      router.refresh()
      return
    }
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      form.setError(field as keyof ApiKeyInput, { message: messages?.[0] })
    }
    setError(result.formError ?? null)
  })

  const remove = () =>
    startRemove(async () => {
      const result = await removeApiKeyAction()
      if (!result.ok) return void toast.error(result.formError ?? 'The key was not removed.')
      toast.success('Stored key removed. The console is back on the built-in sandbox.')
      router.refresh()
    })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      {/* Nothing typed before hydration can be lost: the fields wait for it. */}
      <fieldset disabled={!hydrated} className="contents">
        <div className="flex flex-col gap-2">
          <Label htmlFor="apiKey">{stored ? 'Replace the stored API key' : 'KonPro API key'}</Label>
          <Input
            id="apiKey"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="Paste the key from your KonPro account"
            aria-invalid={!!errors.apiKey}
            aria-describedby="apiKey-help"
            {...form.register('apiKey')}
          />
          <p id="apiKey-help" className="text-xs text-muted-foreground">
            Tried against KonPro before it is saved, then kept encrypted in the database. Only its
            last four characters are shown again.
          </p>
          <FieldError message={errors.apiKey?.message} />
        </div>
        <FormError message={error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={isSubmitting || !hydrated}>
            {isSubmitting ? 'Checking with KonPro…' : 'Save key'}
          </Button>
          {stored ? (
            <Button
              type="button"
              variant="outline"
              onClick={remove}
              disabled={removing || !hydrated}
            >
              {removing ? 'Removing…' : 'Remove stored key'}
            </Button>
          ) : null}
        </div>
      </fieldset>
    </form>
  )
}
