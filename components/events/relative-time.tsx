'use client'

import { formatExact, formatRelative } from '@/lib/events/format'
import { cn } from '@/lib/utils'
import { useNow } from '@/components/use-now'

/** "3 min ago", with the exact UTC time on hover; the exact clock time until the browser takes over. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useNow()
  const exact = formatExact(iso)
  const label = now === null ? exact.replace(/^.*?(\d\d:\d\d:\d\d).*$/, '$1') : formatRelative(iso, now)
  return (
    <time dateTime={iso} title={exact} className={cn('whitespace-nowrap tabular-nums', className)}>
      {label}
    </time>
  )
}
