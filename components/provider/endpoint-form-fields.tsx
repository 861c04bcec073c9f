'use client'

// The field groups both providers' endpoint forms are made of; each form keeps its own schema,
// its own provider-specific fields and its own submit.
import { useRouter } from 'next/navigation'
import type {
  FieldValues,
  Path,
  PathValue,
  UseFormRegisterReturn,
  UseFormReturn,
  UseFormSetError,
} from 'react-hook-form'
import { RadioTowerIcon } from 'lucide-react'
import { FieldError } from '@/components/ui/form-message'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import type { ActionResult } from '@/lib/actions/result'
import type { ProviderId } from '@/lib/providers/catalog'

/**
 * The form's `url` field, with a button that fills in this console's own receiver, and a line on
 * what the provider accepts.
 */
export function EndpointUrlField<T extends FieldValues & { url: string }, R extends FieldValues>({
  form,
  receiverUrl,
  provider,
  help,
}: {
  form: UseFormReturn<T, unknown, R>
  receiverUrl: string
  provider: ProviderId
  help: string
}) {
  const url = 'url' as Path<T>
  const error = form.getFieldState(url, form.formState).error?.message
  const registration = form.register(url)
  const onUseReceiver = () =>
    form.setValue(url, receiverUrl as PathValue<T, Path<T>>, {
      shouldValidate: true,
      shouldDirty: true,
    })
  const placeholder = `https://example.com/webhooks/${provider}`
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor="url">Endpoint URL</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder={placeholder}
          className="font-mono"
          aria-invalid={!!error}
          aria-describedby="url-help url-error"
          {...registration}
        />
        <Button type="button" variant="outline" className="shrink-0" onClick={onUseReceiver}>
          <RadioTowerIcon /> Use this console’s receiver
        </Button>
      </div>
      <p id="url-help" className="text-xs text-muted-foreground">
        {help}
      </p>
      {error ? (
        <p id="url-error" className="text-sm text-destructive" role="alert" aria-live="polite">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** One labelled text input; `hint` is the muted aside in the label, `help` the line under it. */
export function TextField({
  id,
  label,
  hint,
  help,
  placeholder,
  className,
  registration,
  error,
}: {
  id: string
  label: string
  hint?: string
  help?: string
  placeholder?: string
  className?: string
  registration: UseFormRegisterReturn
  error?: string
}) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>
        {label}
        {hint ? <span className="font-normal text-muted-foreground"> ({hint})</span> : null}
      </Label>
      <Input
        id={id}
        placeholder={placeholder}
        className={className}
        aria-invalid={!!error}
        {...registration}
      />
      {help ? <p className="text-xs text-muted-foreground">{help}</p> : null}
      <FieldError message={error} />
    </div>
  )
}

/** A checkbox with a bold label and the consequence under it. */
export function CheckField({
  registration,
  label,
  children,
}: {
  registration: UseFormRegisterReturn
  label: string
  children: React.ReactNode
}) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input type="checkbox" className="mt-0.5 size-4 accent-[var(--primary)]" {...registration} />
      <span>
        <span className="block font-medium">{label}</span>
        <span className="text-muted-foreground">{children}</span>
      </span>
    </label>
  )
}

/** Create or save, and Cancel back to the provider's list. */
export function EndpointFormActions({
  editing,
  submitting,
  disabled,
  cancelHref,
}: {
  editing: boolean
  submitting: boolean
  disabled?: boolean
  cancelHref: string
}) {
  const router = useRouter()
  const label = editing
    ? submitting
      ? 'Saving…'
      : 'Save changes'
    : submitting
      ? 'Creating…'
      : 'Create endpoint'
  return (
    <div className="flex gap-2">
      <Button type="submit" disabled={submitting || disabled}>
        {label}
      </Button>
      <Button type="button" variant="outline" onClick={() => router.push(cancelHref)}>
        Cancel
      </Button>
    </div>
  )
}

/**
 * Puts an action's refusal on the form: field errors by their fields (only fields the form has),
 * and a provider's 400, which is nearly always about the URL, next to the URL.
 */
export function showEndpointFailure<T extends FieldValues>(
  result: Extract<ActionResult<unknown>, { ok: false }>,
  fields: object,
  setError: UseFormSetError<T>,
  setFormError: (message: string | null) => void,
) {
  for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (field in fields) setError(field as Path<T>, { message: messages?.[0] })
  }
  if (result.kind === 'bad_request' && result.formError)
    setError('url' as Path<T>, { message: result.formError })
  else setFormError(result.formError ?? null)
}
