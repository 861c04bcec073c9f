import { cn } from '@/lib/utils'

export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div aria-hidden className={cn('animate-pulse rounded-md bg-muted', className)} {...props} />
  )
}

/** Placeholder bars side by side or stacked, one per class list, in a wrapper styled by `className`. */
export function SkeletonGroup({ bars, className }: { bars: string[]; className?: string }) {
  return (
    <div className={className}>
      {bars.map((bar, i) => (
        <Skeleton key={i} className={bar} />
      ))}
    </div>
  )
}
