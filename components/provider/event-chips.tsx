import { Badge } from '@/components/ui/badge'

/** Subscribed event types as chips; an empty list means the provider sends every event. */
export function EventChips({ events, max = 3 }: { events: string[]; max?: number }) {
  if (events.length === 0) return <Badge variant="outline">All events</Badge>
  const shown = events.slice(0, max)
  return (
    <div className="flex flex-wrap gap-1">
      {shown.map((e) => (
        <Badge key={e} variant="muted" className="font-mono">
          {e}
        </Badge>
      ))}
      {events.length > max ? (
        <Badge variant="muted" title={events.slice(max).join(', ')}>
          +{events.length - max} more
        </Badge>
      ) : null}
    </div>
  )
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant={status === 'enabled' ? 'success' : 'muted'}>
      {status === 'enabled' ? 'Enabled' : status === 'disabled' ? 'Disabled' : status}
    </Badge>
  )
}
