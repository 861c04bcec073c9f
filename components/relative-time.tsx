'use client'

import { useNow } from './use-now'

const formatter = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
]

export function relativeTime(date: Date, now: number): string {
  let value = (date.getTime() - now) / 1000
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return formatter.format(Math.round(value), unit)
    value /= size
  }
  return date.toISOString()
}

/** "3 minutes ago", with the exact local time on hover. */
export function RelativeTime({ value, className }: { value: string | null; className?: string }) {
  const current = useNow()
  if (!value) return <span className={className}>—</span>
  const date = new Date(value)
  const exact = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
  return (
    <time dateTime={value} title={exact} className={className} suppressHydrationWarning>
      {current === null ? date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : relativeTime(date, current)}
    </time>
  )
}
