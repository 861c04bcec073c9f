import { cn } from '@/lib/utils'

/** A native select drawn like the inputs: the browser's own list, keyboard and phone pickers. */
export function Select({ className, ...props }: React.ComponentProps<'select'>) {
  return (
    <select
      data-slot="select"
      className={cn(
        'h-9 min-w-0 rounded-md border border-input bg-card px-3 text-sm shadow-sm disabled:opacity-50',
        className,
      )}
      {...props}
    />
  )
}
