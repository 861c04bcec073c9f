import { cn } from '@/lib/utils'

export function Input({ className, ...props }: React.ComponentProps<'input'>) {
  return (
    <input
      data-slot="input"
      className={cn(
        'h-9 w-full min-w-0 rounded-md border border-input bg-card px-3 text-sm shadow-sm placeholder:text-muted-foreground disabled:opacity-50 aria-invalid:border-destructive',
        className,
      )}
      {...props}
    />
  )
}

/** A whole number: the numeric keypad on phones. */
export function NumberInput(props: Omit<React.ComponentProps<'input'>, 'type' | 'inputMode'>) {
  return <Input type="number" inputMode="numeric" {...props} />
}
