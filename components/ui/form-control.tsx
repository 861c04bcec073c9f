import { cn } from '@/lib/utils'

type ControlTag = 'input' | 'select' | 'textarea'

/** What the text controls share: the border, the card background, a red border while invalid. */
const controlClass =
  'min-w-0 rounded-md border border-input bg-card px-3 text-sm shadow-sm placeholder:text-muted-foreground disabled:opacity-50 aria-invalid:border-destructive'

/** One native form control drawn the console's way, `look` adding what that kind needs. */
export function formControl<T extends ControlTag>(tag: T, look: string) {
  // The tag is one of three intrinsic elements; JSX cannot check a tag chosen by a type parameter.
  const Tag = tag as React.ElementType
  return function FormControl({ className, ...props }: React.ComponentProps<T>) {
    return <Tag data-slot={tag} className={cn(controlClass, look, className)} {...props} />
  }
}
