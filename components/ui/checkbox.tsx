import { cn } from '@/lib/utils'

/** A native checkbox in the primary colour; wrap it in a label with its text. */
export function Checkbox({ className, ...props }: Omit<React.ComponentProps<'input'>, 'type'>) {
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn('size-4 accent-[var(--primary)]', className)}
      {...props}
    />
  )
}
