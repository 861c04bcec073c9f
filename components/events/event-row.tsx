import Link from 'next/link'
import { ExternalLinkIcon } from 'lucide-react'
import { PROVIDER_LABELS, formatBytes } from '@/lib/events/format'
import { correlationLabels } from '@/lib/events/correlation'
import type { EventSummary } from '@/lib/events/types'
import { cn } from '@/lib/utils'
import { RelativeTime } from '@/components/relative-time'
import { PROVIDER_IDS } from '@/lib/providers/catalog'
import { DeliveryBadges } from './verdict-badge'

// Columns once the list itself is wide enough (a container query: the split view narrows it):
// event (type, badges, ids) | size | source | time | new-tab link.
export const ROW_GRID =
  '@xl:grid @xl:grid-cols-[minmax(0,1fr)_4.5rem_8.5rem_6.5rem_2.25rem] @xl:items-center @xl:gap-4'

export function EventRow({
  event,
  fresh,
  selected,
  focused,
  onSelect,
  picked,
  onPick,
}: {
  event: EventSummary
  fresh?: boolean
  /** Open in the split view beside the list. */
  selected?: boolean
  /** Where j/k stand: drawn as clearly as a selection, not as a thin line. */
  focused?: boolean
  onSelect?: () => void
  /** Ticked to compare with another delivery. */
  picked?: boolean
  onPick?: (picked: boolean) => void
}) {
  const ids = [
    ...correlationLabels(event.correlation),
    event.kayle?.eventId ? `event ${event.kayle.eventId}` : null,
    event.kayle?.sessionId ? `session ${event.kayle.sessionId}` : null,
    event.kayle?.deliveryId ? `delivery ${event.kayle.deliveryId}` : null,
  ].filter((v): v is string => v !== null)
  return (
    <div
      data-testid="event-row"
      data-event-id={event.id}
      data-focused={focused || undefined}
      aria-current={selected ? 'true' : undefined}
      className={cn(
        'group relative flex gap-3 border-b px-4 py-3 transition-colors duration-1000 hover:bg-muted/60',
        fresh && 'bg-accent/50',
        selected && 'bg-accent shadow-[inset_3px_0_0_var(--color-primary)]',
        'focus-within:shadow-[inset_0_0_0_2px_var(--color-ring)] data-[focused]:shadow-[inset_0_0_0_2px_var(--color-ring)]',
        ROW_GRID,
      )}
    >
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          {onPick ? (
            <input
              type="checkbox"
              checked={!!picked}
              onChange={(e) => onPick(e.target.checked)}
              aria-label={`Pick #${event.id} to compare`}
              title="Pick to compare"
              className="relative z-10 size-4 shrink-0 accent-primary"
            />
          ) : null}
          <Link
            href={`/events/${event.id}`}
            data-row-link
            onClick={(e) => {
              // A plain click opens it beside the list; a modified one keeps the link's own meaning.
              if (!onSelect || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
                return
              e.preventDefault()
              onSelect()
            }}
            className="min-w-0 truncate font-mono text-sm font-medium after:absolute after:inset-0 after:content-[''] focus-visible:outline-none"
          >
            {event.eventType ?? <span className="text-muted-foreground italic">no event type</span>}
          </Link>
          {/* The catalog's first provider is the console's own: only the others get a badge. */}
          {event.provider !== PROVIDER_IDS[0] ? (
            <span className="rounded-full border px-2 py-0.5 text-xs font-medium text-muted-foreground">
              {PROVIDER_LABELS[event.provider] ?? event.provider}
            </span>
          ) : null}
          <DeliveryBadges event={event} />
        </div>
        <p className="mt-1 truncate font-mono text-xs text-muted-foreground">
          <span className="text-foreground/80">#{event.id}</span>
          {/* Phones have no columns: time and size lead the line so truncation never hides them. */}
          <span className="@xl:hidden">
            {' '}
            · <RelativeTime value={event.receivedAt} /> · {formatBytes(event.size)}
          </span>
          {ids.map((id) => (
            <span key={id}> · {id}</span>
          ))}
        </p>
      </div>
      <span className="hidden text-right text-xs text-muted-foreground tabular-nums @xl:block">
        {formatBytes(event.size)}
      </span>
      <span
        className="hidden truncate font-mono text-xs text-muted-foreground @xl:block"
        title={event.sourceIp ?? undefined}
      >
        {event.sourceIp ?? '—'}
      </span>
      <RelativeTime
        value={event.receivedAt}
        className="hidden text-right text-xs text-muted-foreground @xl:block"
      />
      <a
        href={`/events/${event.id}`}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`Open delivery #${event.id} in a new tab`}
        title="Open in a new tab"
        className="relative z-10 grid size-8 shrink-0 place-items-center self-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
      >
        <ExternalLinkIcon className="size-4" aria-hidden />
      </a>
    </div>
  )
}
