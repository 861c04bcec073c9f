'use client'

import { useSyncExternalStore } from 'react'

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

// One shared clock ticking every 15 s, so every timestamp on the page stays current together.
let now = Date.now()
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined
function subscribe(listener: () => void) {
  listeners.add(listener)
  timer ??= setInterval(() => {
    now = Date.now()
    listeners.forEach((l) => l())
  }, 15_000)
  return () => {
    listeners.delete(listener)
    if (!listeners.size && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/** "3 minutes ago", with the exact local time on hover. */
export function RelativeTime({ value, className }: { value: string | null; className?: string }) {
  const current = useSyncExternalStore(subscribe, () => now, () => null)
  if (!value) return <span className={className}>—</span>
  const date = new Date(value)
  const exact = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
  return (
    <time dateTime={value} title={exact} className={className} suppressHydrationWarning>
      {current === null ? date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : relativeTime(date, current)}
    </time>
  )
}
