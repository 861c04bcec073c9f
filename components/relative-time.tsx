'use client'

import { formatExact, formatLocal, formatRelative, formatUtcClock } from '@/lib/events/format'
import { cn } from '@/lib/utils'
import { useNow } from './use-now'

/**
 * The console's one relative time: "3 min ago", with the exact time in the person's own time zone
 * and in UTC on hover. Until the browser takes over (server render, hydration) it shows the UTC
 * time, which is the same on both sides.
 */
export function RelativeTime({
  value,
  className,
  future = false,
  ...props
}: {
  value: string | null
  className?: string
  /** A time meant to lie ahead (a scheduled attempt, an expiry): "in 5 min" rather than "just now". */
  future?: boolean
} & Omit<React.ComponentProps<'time'>, 'dateTime' | 'title'>) {
  const now = useNow()
  if (!value) return <span className={className}>—</span>
  const title =
    now === null ? formatExact(value) : `${formatLocal(value)} (${formatUtcClock(value)})`
  return (
    <time
      dateTime={value}
      title={title}
      className={cn('whitespace-nowrap tabular-nums', className)}
      suppressHydrationWarning
      {...props}
    >
      {now === null ? formatUtcClock(value) : formatRelative(value, now, { future })}
    </time>
  )
}

/** An absolute time for details: local time with UTC beside it, "22 Nov 2026, 13:00:05 EST · 18:00:05 UTC". */
export function LocalTime({
  value,
  className,
  ...props
}: { value: string; className?: string } & Omit<React.ComponentProps<'time'>, 'dateTime'>) {
  const now = useNow()
  return (
    <time dateTime={value} className={className} suppressHydrationWarning {...props}>
      {now === null || formatLocal(value).endsWith('UTC')
        ? formatExact(value)
        : `${formatLocal(value)} · ${formatUtcClock(value)}`}
    </time>
  )
}
