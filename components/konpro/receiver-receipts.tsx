import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/relative-time'
import type { EndpointReceipts } from '@/lib/events/queries'
import { RESPONSE_FILTERS } from '@/lib/validations/event-filters'

// The console's own receiver's view of one endpoint: what verified with its secret and how the
// receiver answered. The receiver records no handling time, so there is no latency to show.

const linkClass = 'text-primary underline-offset-4 hover:underline'

function answerVariant(status: number) {
  return status >= 200 && status < 300 ? 'success' : 'destructive'
}

/** The Events filter that shows one answer's deliveries, where the filter has one. */
function statusFilter(status: number) {
  if (status >= 200 && status < 300) return '2xx'
  return (RESPONSE_FILTERS as readonly string[]).includes(String(status)) ? String(status) : null
}

const chipClass = 'inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs'

export function ReceiverReceipts({
  receipts: r,
  endpointId,
}: {
  receipts: EndpointReceipts
  endpointId: string
}) {
  const events = `/events?endpoint=${encodeURIComponent(endpointId)}`
  if (r.total === 0)
    return (
      <p className="text-muted-foreground" data-testid="receiver-receipts">
        This console’s receiver has stored no delivery that verified with this endpoint’s secret.
      </p>
    )
  return (
    <section
      aria-labelledby="receiver-receipts-title"
      className="flex flex-col gap-3"
      data-testid="receiver-receipts"
    >
      <h3 id="receiver-receipts-title" className="font-medium">
        At this console’s receiver
      </h3>
      <p className="text-muted-foreground">
        This console’s receiver stored{' '}
        <span data-testid="receiver-total">{r.total.toLocaleString('en')}</span>{' '}
        {r.total === 1 ? 'delivery' : 'deliveries'} that verified with this endpoint’s secret and
        answered{' '}
        <span data-testid="receiver-success">{Math.round((r.succeeded / r.total) * 100)}%</span> of
        them 2xx: {/* Underlined: a link inside running text must not rely on colour alone. */}
        <Link className="text-primary underline underline-offset-4" href={events}>
          see them in Events
        </Link>
        .
      </p>
      <ul className="flex flex-wrap gap-2" aria-label="Answers given">
        {r.answers.map((a) => {
          const filter = statusFilter(a.status)
          const chip = (
            <>
              <Badge variant={answerVariant(a.status)}>{a.status}</Badge>
              <span className="tabular-nums">× {a.count.toLocaleString('en')}</span>
            </>
          )
          return (
            <li key={a.status} data-testid="receiver-answer">
              {filter ? (
                <Link
                  href={`${events}&status=${filter}`}
                  className={`${chipClass} hover:bg-muted`}
                  aria-label={`Answered ${a.status}: ${a.count.toLocaleString('en')}`}
                >
                  {chip}
                </Link>
              ) : (
                <span className={chipClass}>{chip}</span>
              )}
            </li>
          )
        })}
      </ul>
      <ul className="flex flex-col divide-y rounded-md border" aria-label="Latest received">
        {r.recent.map((e) => (
          <li
            key={e.id}
            className="flex min-w-0 items-center gap-3 px-3 py-2"
            data-testid="receiver-recent"
          >
            <Badge variant={answerVariant(e.responseStatus)}>{e.responseStatus}</Badge>
            <Link
              href={`/events/${e.id}`}
              className={`min-w-0 flex-1 truncate font-mono text-xs ${linkClass}`}
            >
              {e.eventType ?? '(no event type)'}
            </Link>
            <RelativeTime
              value={e.receivedAt}
              className="w-20 text-right text-xs text-muted-foreground"
            />
          </li>
        ))}
      </ul>
    </section>
  )
}
