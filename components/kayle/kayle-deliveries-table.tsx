'use client'

import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { RotateCwIcon } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useHydrated } from '@/components/use-hydrated'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { RelativeTime } from '@/components/relative-time'
import type { KayleDelivery } from '@/lib/kayle/schemas'
import { retryKayleDeliveryAction } from '@/app/(console)/kayle/actions'

const STATUS_VARIANT: Record<string, 'success' | 'destructive' | 'warning'> = { succeeded: 'success', failed: 'destructive', pending: 'warning' }

export function DeliveryStatus({ status }: { status: string }) {
  return <Badge variant={STATUS_VARIANT[status] ?? 'muted'}>{status.charAt(0).toUpperCase() + status.slice(1)}</Badge>
}

/** Kayle's delivery attempts with their outcome; any can be sent again. */
export function KayleDeliveriesTable({ deliveries, endpointNames, canRetry }: { deliveries: KayleDelivery[]; endpointNames: Record<string, string>; canRetry: boolean }) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  const busy = pending || !hydrated
  const retry = (id: string) =>
    start(async () => {
      const result = await retryKayleDeliveryAction(id)
      if (!result.ok) return void toast.error('The delivery was not retried', { description: result.formError })
      toast.success(result.data.status === 'pending' ? 'Requeued: Kayle sends it again on its retry schedule.' : `Retried: ${result.data.status}.`)
      router.refresh()
    })
  return (
    <div className="rounded-lg border bg-card shadow-sm">
      <ul className="divide-y md:hidden" aria-label="Kayle deliveries">
        {deliveries.map((d) => (
          <li key={d.id} className="flex flex-col gap-1.5 p-4 text-sm" data-testid="kayle-delivery-card">
            <div className="flex flex-wrap items-center gap-2">
              <DeliveryStatus status={d.status} />
              <span className="min-w-0 font-mono text-xs font-medium break-all">{d.eventId || '—'}</span>
            </div>
            <p className="text-xs text-muted-foreground">
              {endpointNames[d.endpointId] ?? d.endpointId} · {d.attempts} attempt{d.attempts === 1 ? '' : 's'} · last answer {d.lastStatusCode ?? '—'} ·{' '}
              <RelativeTime value={d.createdAt || null} />
            </p>
            {canRetry ? (
              <div>
                <Button variant="outline" size="sm" disabled={busy} onClick={() => retry(d.id)}>
                  <RotateCwIcon /> Retry
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <Table aria-label="Kayle deliveries">
          <TableHeader>
            <TableRow>
              <TableHead>Status</TableHead>
              <TableHead>Event</TableHead>
              <TableHead>Endpoint</TableHead>
              <TableHead className="text-right">Attempts</TableHead>
              <TableHead className="text-right">Last status</TableHead>
              <TableHead>Next attempt</TableHead>
              <TableHead>Created</TableHead>
              {canRetry ? <TableHead className="sr-only">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {deliveries.map((d) => (
              <TableRow key={d.id} data-testid="kayle-delivery-row">
                <TableCell>
                  <DeliveryStatus status={d.status} />
                </TableCell>
                <TableCell className="max-w-64">
                  <span className="block font-mono text-xs text-muted-foreground break-all">{d.eventId}</span>
                </TableCell>
                <TableCell className="max-w-56 text-xs break-all">{endpointNames[d.endpointId] ?? <span className="font-mono">{d.endpointId}</span>}</TableCell>
                <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
                <TableCell className="text-right font-mono tabular-nums">{d.lastStatusCode ?? '—'}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{d.nextAttemptAt ? <RelativeTime value={d.nextAttemptAt} /> : '—'}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <RelativeTime value={d.createdAt || null} />
                </TableCell>
                {canRetry ? (
                  <TableCell className="text-right">
                    <Button variant="outline" size="sm" disabled={busy} onClick={() => retry(d.id)} aria-label={`Retry delivery ${d.id}`}>
                      <RotateCwIcon /> Retry
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  )
}
