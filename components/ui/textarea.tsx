import { cn } from '@/lib/utils'

export function Textarea({ className, ...props }: React.ComponentProps<'textarea'>) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(
        'w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 text-sm shadow-sm aria-invalid:border-destructive',
        className,
      )}
      {...props}
    />
  )
}
