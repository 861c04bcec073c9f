import { AlertCircleIcon, CheckCircle2Icon } from 'lucide-react'

/** One field's problem, under its control; the id lets the control point at it. */
export function FieldError({ id, message }: { id?: string; message?: string }) {
  return message ? (
    <p id={id} className="text-sm text-destructive">
      {message}
    </p>
  ) : null
}

/** Why a whole form was refused, announced as soon as it appears. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <div
      role="alert"
      className="flex gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm"
    >
      <AlertCircleIcon className="size-4 shrink-0 text-destructive" aria-hidden />
      <span className="break-words">{message}</span>
    </div>
  )
}

/** What went right, in place: a check mark and the message, read out politely. */
export function FormSuccess({ message }: { message: string }) {
  return (
    <p
      role="status"
      className="flex gap-2 rounded-md border border-success/40 bg-success/5 p-3 text-sm"
    >
      <CheckCircle2Icon className="size-4 shrink-0 text-success" aria-hidden />
      <span>{message}</span>
    </p>
  )
}
