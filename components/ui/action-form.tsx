import { Button } from './button'
import { FormError } from './form-message'

/** What a form built with `useActionForm` tells its frame: how to submit and how it went. */
export type ActionFormState = {
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>
  formError: string | null
  hydrated: boolean
  isSubmitting: boolean
}

/** The submit button, its label swapped for `pendingLabel` while the action runs. */
export function SubmitButton({
  pending,
  pendingLabel,
  disabled,
  children,
  ...props
}: React.ComponentProps<typeof Button> & { pending: boolean; pendingLabel: React.ReactNode }) {
  return (
    <Button type="submit" disabled={pending || disabled} {...props}>
      {pending ? pendingLabel : children}
    </Button>
  )
}

type SubmitProps = {
  state: ActionFormState
  submitLabel: React.ReactNode
  pendingLabel: React.ReactNode
  className?: string
}

function FrameSubmit({ state, submitLabel, pendingLabel, className }: SubmitProps) {
  return (
    <SubmitButton
      pending={state.isSubmitting}
      pendingLabel={pendingLabel}
      disabled={!state.hydrated}
      className={className}
    >
      {submitLabel}
    </SubmitButton>
  )
}

type FrameProps = Omit<SubmitProps, 'className'> & { children: React.ReactNode }

/** A form in a column: its fields, then why it was refused (if it was), then its submit button. */
export function ActionForm({ children, ...submit }: FrameProps) {
  return (
    <form onSubmit={submit.state.onSubmit} noValidate className="flex flex-col gap-4">
      {children}
      <FormError message={submit.state.formError} />
      <FrameSubmit {...submit} />
    </form>
  )
}

/** A form on one row from a small screen up: its fields with the submit button beside them. */
export function InlineActionForm({ children, ...submit }: FrameProps) {
  return (
    <form onSubmit={submit.state.onSubmit} noValidate className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        {children}
        <FrameSubmit {...submit} className="sm:mt-6" />
      </div>
      <FormError message={submit.state.formError} />
    </form>
  )
}
