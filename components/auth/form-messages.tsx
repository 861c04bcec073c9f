import { AlertCircleIcon } from 'lucide-react'

export function FieldError({ message }: { message?: string }) {
  return message ? <p className="text-sm text-destructive">{message}</p> : null
}

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
