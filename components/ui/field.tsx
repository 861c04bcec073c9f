import { Slot } from 'radix-ui'
import { cn } from '@/lib/utils'
import { FieldError } from './form-message'
import { Label } from './label'

/**
 * A labelled form control: the label, the one control given as the child, an optional hint and
 * the field's error. The control gets the id, `aria-invalid` and an `aria-describedby` naming the
 * hint and the error, so it never has to be wired by hand.
 */
export function Field({
  id,
  label,
  hint,
  error,
  labelEnd,
  className,
  children,
}: {
  id: string
  label: React.ReactNode
  hint?: React.ReactNode
  error?: string
  /** Beside the label, at the far end (a small button that acts on the field). */
  labelEnd?: React.ReactNode
  className?: string
  children: React.ReactElement
}) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  const labelElement = <Label htmlFor={id}>{label}</Label>
  return (
    <div className={cn('flex flex-col gap-2', className)}>
      {labelEnd ? (
        <div className="flex items-center justify-between gap-2">
          {labelElement}
          {labelEnd}
        </div>
      ) : (
        labelElement
      )}
      <Slot.Root id={id} aria-invalid={!!error} aria-describedby={describedBy}>
        {children}
      </Slot.Root>
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  )
}
