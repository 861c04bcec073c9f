import type { LucideIcon } from 'lucide-react'
import { cn } from '@/lib/utils'

export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
  className,
  heading: Heading = 'h2',
}: {
  icon: LucideIcon
  title: string
  children: React.ReactNode
  action?: React.ReactNode
  className?: string
  /** `h1` where the empty state is the whole page (a page not found). */
  heading?: 'h1' | 'h2'
}) {
  return (
    <div
      className={cn(
        'flex flex-col items-center rounded-lg border border-dashed px-6 py-14 text-center',
        className,
      )}
    >
      <span className="mb-4 grid size-12 place-items-center rounded-full bg-accent text-accent-foreground">
        <Icon className="size-6" aria-hidden />
      </span>
      <Heading className="text-base font-semibold">{title}</Heading>
      <div className="mt-1 max-w-md text-sm text-muted-foreground">{children}</div>
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  )
}
