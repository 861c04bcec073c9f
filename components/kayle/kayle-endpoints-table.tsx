import Link from 'next/link'
import { KeyRoundIcon, TriangleAlertIcon } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { ResponsiveTable, type TableColumn } from '@/components/ui/table'
import { timeColumn } from '@/components/ui/time-column'
import { EventChips } from '@/components/provider/event-chips'
import type { KayleEndpoint } from '@/lib/providers/kayle/schemas'

export type KayleEndpointRow = KayleEndpoint & { activeKeys: number }

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return <Badge variant={enabled ? 'success' : 'muted'}>{enabled ? 'Enabled' : 'Paused'}</Badge>
}

/** Whether Kayle can deliver at all: an endpoint without an active key receives nothing. */
export function KeyBadge({ activeKeys }: { activeKeys: number }) {
  return activeKeys > 0 ? (
    <Badge variant="outline">
      <KeyRoundIcon className="size-3" aria-hidden /> {activeKeys} active key
      {activeKeys === 1 ? '' : 's'}
    </Badge>
  ) : (
    <Badge variant="destructive">
      <TriangleAlertIcon className="size-3" aria-hidden /> No active key
    </Badge>
  )
}

function Labels({ labels }: { labels: string[] }) {
  if (!labels.length) return <span className="text-muted-foreground">—</span>
  return (
    <div className="flex flex-wrap gap-1">
      {labels.map((l) => (
        <Badge key={l} variant="muted">
          {l}
        </Badge>
      ))}
    </div>
  )
}

/** Kayle endpoints: name and URL, state, whether they can receive, events and labels. */
export function KayleEndpointsTable({ endpoints }: { endpoints: KayleEndpointRow[] }) {
  const title = (e: KayleEndpointRow) => (
    <Link
      href={`/kayle/endpoints/${encodeURIComponent(e.id)}`}
      className="group block min-w-0"
      title={e.url}
    >
      <span className="block text-sm font-medium group-hover:underline">
        {e.name ?? 'Unnamed endpoint'}
      </span>
      <span className="block font-mono text-xs [overflow-wrap:anywhere] text-muted-foreground">
        {e.url}
      </span>
    </Link>
  )
  const columns: TableColumn<KayleEndpointRow>[] = [
    { label: 'Endpoint', cellClassName: 'max-w-sm', cell: title },
    { label: 'Status', cell: (e) => <EnabledBadge enabled={e.enabled} /> },
    { label: 'Encryption', cell: (e) => <KeyBadge activeKeys={e.activeKeys} /> },
    {
      label: 'Events',
      cellClassName: 'max-w-64',
      cell: (e) => <EventChips events={e.subscribedEventTypes} max={2} />,
    },
    { label: 'Labels', cellClassName: 'max-w-48', cell: (e) => <Labels labels={e.labels} /> },
    timeColumn('Created', (e) => e.createdAt, { empty: '—' }),
  ]
  return (
    <ResponsiveTable
      wideFrom="lg"
      label="Kayle endpoints"
      columns={columns}
      rows={endpoints}
      testId="kayle-endpoint"
      card={(e) => (
        <>
          {title(e)}
          <div className="flex flex-wrap gap-1.5">
            <EnabledBadge enabled={e.enabled} />
            <KeyBadge activeKeys={e.activeKeys} />
          </div>
          <EventChips events={e.subscribedEventTypes} max={2} />
        </>
      )}
    />
  )
}
