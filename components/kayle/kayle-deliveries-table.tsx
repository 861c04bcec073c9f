import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { actionsColumn, DataTable, TableCell, TableFrame, TableRow } from '@/components/ui/table'
import { RelativeTime } from '@/components/relative-time'
import { retryability } from '@/lib/kayle/delivery-rules'
import type { KayleDelivery } from '@/lib/kayle/schemas'
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

const COLUMNS = [
  { label: 'Status' },
  { label: 'Event' },
  { label: 'Endpoint' },
  { label: 'Attempts', className: 'text-right' },
  { label: 'Last status', className: 'text-right' },
  { label: 'Next attempt' },
  { label: 'Created' },
  actionsColumn(),
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
  }))
  return (
    <TableFrame>
      <ul className="divide-y md:hidden" aria-label="Kayle deliveries">
        {rows.map(({ d, retry, href }) => (
          <li
            key={d.id}
            className="flex flex-col gap-1.5 p-4 text-sm"
            data-testid="kayle-delivery-card"
          >
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
              <Link
                href={href}
                className={`text-xs ${linkClass}`}
                aria-label={`Details of delivery ${d.id}`}
              >
                Details
              </Link>
              {canRetry ? <KayleRetry deliveryId={d.id} retry={retry} compact /> : null}
            </div>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <DataTable aria-label="Kayle deliveries" columns={COLUMNS}>
          {rows.map(({ d, retry, href }) => (
            <TableRow key={d.id} data-testid="kayle-delivery-row">
              <TableCell>
                <DeliveryStatus status={d.status} />
              </TableCell>
              <TableCell className="max-w-64">
                <Link
                  href={kayleEventHref(d.eventId)}
                  className={`block font-mono text-xs break-all ${linkClass}`}
                >
                  {d.eventId}
                </Link>
              </TableCell>
              <TableCell className="max-w-56 text-xs break-all">
                {endpointNames[d.endpointId] ?? <span className="font-mono">{d.endpointId}</span>}
              </TableCell>
              <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
              <TableCell className="text-right font-mono tabular-nums">
                {d.lastStatusCode ?? '—'}
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {d.nextAttemptAt ? <RelativeTime value={d.nextAttemptAt} /> : '—'}
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                <RelativeTime value={d.createdAt || null} />
              </TableCell>
              <TableCell className="text-right">
                <div className="flex items-center justify-end gap-3">
                  {canRetry ? <KayleRetry deliveryId={d.id} retry={retry} compact /> : null}
                  <Link
                    href={href}
                    className={`text-sm ${linkClass}`}
                    aria-label={`Details of delivery ${d.id}`}
                  >
                    Details
                  </Link>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      </div>
    </TableFrame>
  )
}
