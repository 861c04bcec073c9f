'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { SubmitButton } from '@/components/ui/action-form'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { Input } from '@/components/ui/input'
import { useActionForm } from '@/components/ui/use-action-form'
import { apiKeySchema } from '@/lib/validations/settings'
import { removeApiKeyAction, storeApiKeyAction } from '@/app/(console)/settings/actions'

/** Stores a KonPro API key from the UI (sealed on the server); the field is cleared once saved. */
export function ApiKeyForm({ stored }: { stored: boolean }) {
  const router = useRouter()
  const [removing, startRemove] = useTransition()
  const { form, onSubmit, formError, hydrated, errors, isSubmitting } = useActionForm({
    schema: apiKeySchema,
    defaultValues: { apiKey: '' },
    action: storeApiKeyAction,
    onSuccess: (data) => {
      form.reset({ apiKey: '' })
      if (data.tested) toast.success(data.message)
      else toast.warning(data.message)
      router.refresh()
    },
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
        <Field
          id="apiKey"
          label={stored ? 'Replace the stored API key' : 'KonPro API key'}
          hint="Tried against KonPro before it is saved, then kept encrypted in the database. Only its last four characters are shown again."
          error={errors.apiKey?.message}
        >
          <Input
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="Paste the key from your KonPro account"
            {...form.register('apiKey')}
          />
        </Field>
        <FormError message={formError} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton
            pending={isSubmitting}
            pendingLabel="Checking with KonPro…"
            disabled={!hydrated}
          >
            Save key
          </SubmitButton>
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
