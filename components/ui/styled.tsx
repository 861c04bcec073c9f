import { cn } from '@/lib/utils'

/**
 * A primitive with the console's classes on it: `className` from the caller is merged after them,
 * everything else passes through. `slot` names it in `data-slot`, as shadcn components do.
 */
export function styled<C extends React.ElementType>(Component: C, base: string, slot?: string) {
  // A component chosen by a type parameter cannot be checked as JSX; its props are typed below.
  const Tag = Component as React.ElementType
  return function Styled({ className, ...props }: React.ComponentProps<C>) {
    return <Tag data-slot={slot} className={cn(base, className)} {...props} />
  }
}
