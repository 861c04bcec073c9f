import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { actionsColumn, ResponsiveTable, type TableColumn } from '@/components/ui/table'
import { RelativeTime } from '@/components/relative-time'
import { timeColumn } from '@/components/ui/time-column'
import { retryability } from '@/lib/providers/kayle/delivery-rules'
import type { KayleDelivery } from '@/lib/providers/kayle/schemas'
import { KayleRetry } from './kayle-retry'
import { kayleDeliveryHref, kayleEventHref } from './kayle-paths'

const STATUS_VARIANT: Record<string, 'success' | 'destructive' | 'warning'> = {
  succeeded: 'success',
  failed: 'destructive',
  pending: 'warning',
  delivering: 'warning',
}

export function DeliveryStatus({ status }: { status: string }) {
  return (
    <Badge variant={STATUS_VARIANT[status] ?? 'muted'}>
      {status.charAt(0).toUpperCase() + status.slice(1)}
    </Badge>
  )
}

const linkClass = 'text-primary underline-offset-4 hover:underline'

type Row = {
  d: KayleDelivery
  retry: ReturnType<typeof retryability>
  href: string
  endpointName: string | undefined
}

/** A delivery's own page, named for screen readers by the delivery's id. */
function DetailsLink({ id, href, className }: { id: string; href: string; className: string }) {
  return (
    <Link
      href={href}
      className={`${className} ${linkClass}`}
      aria-label={`Details of delivery ${id}`}
    >
      Details
    </Link>
  )
}

const COLUMNS = (canRetry: boolean): TableColumn<Row>[] => [
  { label: 'Status', cell: ({ d }) => <DeliveryStatus status={d.status} /> },
  {
    label: 'Event',
    cellClassName: 'max-w-64',
    cell: ({ d }) => (
      <Link
        href={kayleEventHref(d.eventId)}
        className={`block font-mono text-xs break-all ${linkClass}`}
      >
        {d.eventId}
      </Link>
    ),
  },
  {
    label: 'Endpoint',
    cellClassName: 'max-w-56 text-xs break-all',
    cell: ({ d, endpointName }) =>
      endpointName ?? <span className="font-mono">{d.endpointId}</span>,
  },
  {
    label: 'Attempts',
    className: 'text-right',
    cellClassName: 'text-right tabular-nums',
    cell: ({ d }) => d.attempts,
  },
  {
    label: 'Last status',
    className: 'text-right',
    cellClassName: 'text-right font-mono tabular-nums',
    cell: ({ d }) => d.lastStatusCode ?? '—',
  },
  timeColumn('Next attempt', ({ d }) => d.nextAttemptAt, { empty: '—', future: true }),
  timeColumn('Created', ({ d }) => d.createdAt),
  actionsColumn(({ d, retry, href }) => (
    <div className="flex items-center justify-end gap-3">
      {canRetry ? <KayleRetry deliveryId={d.id} retry={retry} compact /> : null}
      <DetailsLink id={d.id} href={href} className="text-sm" />
    </div>
  )),
]

/** Kayle's deliveries with their outcome; Retry only where Kayle allows one, the reason elsewhere. */
export function KayleDeliveriesTable({
  deliveries,
  endpointNames,
  canRetry,
}: {
  deliveries: KayleDelivery[]
  endpointNames: Record<string, string>
  canRetry: boolean
}) {
  // Judged on the server (this is not a client component), so the page and its hydration agree.
  const rows = deliveries.map((d) => ({
    d,
    retry: retryability(d),
    href: kayleDeliveryHref(d.eventId, d.id),
    endpointName: endpointNames[d.endpointId],
  }))
  return (
    <ResponsiveTable
      wideFrom="md"
      label="Kayle deliveries"
      columns={COLUMNS(canRetry)}
      rows={rows}
      rowKey={({ d }) => d.id}
      testId="kayle-delivery"
      cardClassName="flex flex-col gap-1.5 p-4 text-sm"
      card={({ d, retry, href }) => (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <DeliveryStatus status={d.status} />
            <Link
              href={kayleEventHref(d.eventId)}
              className={`min-w-0 font-mono text-xs font-medium break-all ${linkClass}`}
            >
              {d.eventId || '—'}
            </Link>
          </div>
          <p className="text-xs text-muted-foreground">
            {endpointNames[d.endpointId] ?? d.endpointId} · {d.attempts} attempt
            {d.attempts === 1 ? '' : 's'} · last answer {d.lastStatusCode ?? '—'} ·{' '}
            <RelativeTime value={d.createdAt || null} />
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <DetailsLink id={d.id} href={href} className="text-xs" />
            {canRetry ? <KayleRetry deliveryId={d.id} retry={retry} compact /> : null}
          </div>
        </>
      )}
    />
  )
}
