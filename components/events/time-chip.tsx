'use client'

import { XIcon } from 'lucide-react'
import { useLocalZone } from '@/components/use-local-zone'
import { formatShort, zoneName } from '@/lib/events/format'

/** "22 Nov, 18:00 – 22 Nov, 18:10" in one zone: "Start" and "now" stand for an open end. */
function interval(from: string | undefined, to: string | undefined, timeZone: string) {
  return `${from ? formatShort(from, timeZone) : 'Start'} – ${to ? formatShort(to, timeZone) : 'now'}`
}

/**
 * A picked time interval (a chart bar), removable: in the person's own zone with UTC beside it once
 * the browser takes over, UTC alone until then.
 */
export function TimeChip({
  from,
  to,
  onRemove,
}: {
  from: string | undefined
  to: string | undefined
  onRemove: () => void
}) {
  const zone = useLocalZone()
  const utc = `${interval(from, to, 'UTC')} UTC`
  return (
    <span
      className="inline-flex min-h-9 max-w-full items-center gap-1 rounded-md border bg-muted px-2.5 py-1 text-xs"
      data-testid="time-chip"
    >
      <span className="min-w-0">
        {zone ? (
          <>
            {interval(from, to, zone)} {zoneName(from ?? to ?? new Date().toISOString(), zone)}{' '}
            <span className="text-muted-foreground">({utc})</span>
          </>
        ) : (
          utc
        )}
      </span>
      <button
        type="button"
        className="ml-1 rounded p-0.5 hover:bg-background"
        aria-label="Remove the time interval"
        onClick={onRemove}
      >
        <XIcon className="size-3.5" aria-hidden />
      </button>
    </span>
  )
}
