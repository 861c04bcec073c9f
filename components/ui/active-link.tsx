import Link from 'next/link'
import { cn } from '@/lib/utils'

/**
 * A link that knows whether it is the one in use: `aria-current` says so to assistive technology
 * (`page` for the page shown, `true` for a chosen item in a set) and `activeClassName` draws it.
 */
export function ActiveLink({
  active,
  current = 'page',
  className,
  activeClassName,
  ...props
}: React.ComponentProps<typeof Link> & {
  active: boolean
  current?: 'page' | 'true'
  activeClassName: string
}) {
  return (
    <Link
      aria-current={active ? current : undefined}
      className={cn(className, active && activeClassName)}
      {...props}
    />
  )
}
