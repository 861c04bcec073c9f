import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/relative-time'
import type { EndpointReceipts } from '@/lib/events/queries'
import type { EndpointHistory } from '@/lib/providers/konpro/sandbox/history'
import { ReceiverReceipts } from './receiver-receipts'

// What this endpoint got: from the sandbox (what it sent, the answers and how fast), and from the
// console's own receiver (deliveries that verified with this endpoint's secret).

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  )
}

export function EndpointHistoryView({
  history,
  received,
  endpointId,
}: {
  history: EndpointHistory | null
  received: EndpointReceipts
  endpointId: string
}) {
  const { stats, recent } = history ?? { stats: null, recent: [] }
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="endpoint-history">
      {stats ? (
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Sent by the sandbox" value={stats.sent.toLocaleString('en')} />
          <Stat
            label="Accepted (2xx)"
            value={stats.sent ? `${Math.round((stats.accepted / stats.sent) * 100)}%` : '—'}
          />
          <Stat label="Answer p50" value={stats.p50Ms === null ? '—' : `${stats.p50Ms} ms`} />
          <Stat label="Answer p95" value={stats.p95Ms === null ? '—' : `${stats.p95Ms} ms`} />
        </dl>
      ) : (
        <p className="text-muted-foreground">
          KonPro’s API does not report what it delivered; the sandbox keeps a history of its own
          sends.
        </p>
      )}
      {history && recent.length === 0 ? (
        <p className="rounded-md border border-dashed p-4 text-muted-foreground">
          The sandbox has not sent this endpoint anything yet. Send a test event below.
        </p>
      ) : null}
      {recent.length > 0 ? (
        <ul className="flex flex-col divide-y rounded-md border" aria-label="Latest sends">
          {recent.map((r) => (
            <li key={r.id} className="flex min-w-0 items-center gap-3 px-3 py-2">
              <Badge variant={r.statusCode && r.statusCode < 300 ? 'success' : 'destructive'}>
                {r.statusCode ? r.statusCode : 'failed'}
              </Badge>
              <span
                className="min-w-0 flex-1 truncate font-mono text-xs"
                title={r.error ?? r.eventType}
              >
                {r.eventType}
                {r.error ? <span className="text-destructive"> · {r.error}</span> : null}
              </span>
              <span className="text-xs text-muted-foreground tabular-nums">{r.durationMs} ms</span>
              <RelativeTime
                value={r.createdAt}
                className="w-20 text-right text-xs text-muted-foreground"
              />
            </li>
          ))}
        </ul>
      ) : null}
      <ReceiverReceipts receipts={received} endpointId={endpointId} />
    </div>
  )
}
