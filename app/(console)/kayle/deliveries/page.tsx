import type { Metadata } from 'next'
import Link from 'next/link'
import { InboxIcon } from 'lucide-react'
import { z } from 'zod'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { ProviderErrorPanel } from '@/components/provider-error'
import { KayleDeliveriesTable } from '@/components/kayle/kayle-deliveries-table'
import { KayleModeNote } from '@/components/kayle/kayle-mode-note'
import { requireUser } from '@/lib/auth/current'
import { isKayleSandbox } from '@/lib/providers/kayle'
import { loadKayleDeliveries, loadKayleEndpoints } from '@/lib/providers/kayle/endpoints'

export const metadata: Metadata = { title: 'Kayle deliveries' }

const STATUSES = ['pending', 'succeeded', 'failed'] as const
const filtersSchema = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  endpoint: z.string().trim().max(200).optional().catch(undefined),
  event: z.string().trim().max(200).optional().catch(undefined),
})
const selectClass = 'h-9 min-w-0 rounded-md border border-input bg-card px-2.5 text-sm shadow-sm'

export default async function KayleDeliveriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const user = await requireUser()
  const filters = filtersSchema.parse(await searchParams)
  const [deliveries, endpoints] = await Promise.all([
    loadKayleDeliveries({
      status: filters.status,
      endpointId: filters.endpoint || undefined,
      eventId: filters.event || undefined,
    }),
    loadKayleEndpoints(),
  ])
  const names = Object.fromEntries(
    (endpoints.ok ? endpoints.data : []).map((e) => [e.id, e.name ?? e.url]),
  )
  const filtered = !!(filters.status || filters.endpoint || filters.event)
  return (
    <>
      <PageHeader
        title="Kayle deliveries"
        description="Every attempt Kayle made to deliver an event: its status, attempts, and the answer it got."
      />
      <KayleModeNote sandbox={isKayleSandbox()} />
      {/* A plain GET form: the filters live in the URL and work before any script loads. */}
      <form className="mb-4 flex flex-wrap items-center gap-2" action="/kayle/deliveries">
        <select
          name="status"
          aria-label="Delivery status"
          defaultValue={filters.status ?? ''}
          className={selectClass}
        >
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
        <select
          name="endpoint"
          aria-label="Endpoint"
          defaultValue={filters.endpoint ?? ''}
          className={`${selectClass} max-w-72`}
        >
          <option value="">All endpoints</option>
          {Object.entries(names).map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <input
          name="event"
          aria-label="Event id"
          placeholder="Event id (evt_…)"
          defaultValue={filters.event ?? ''}
          className={`${selectClass} w-56 font-mono`}
        />
        <Button type="submit" variant="outline">
          Filter
        </Button>
        {filtered ? (
          <Button asChild variant="ghost">
            <Link href="/kayle/deliveries">Clear filters</Link>
          </Button>
        ) : null}
      </form>
      {!deliveries.ok ? (
        <ProviderErrorPanel
          provider="Kayle"
          error={deliveries.error}
          retryHref="/kayle/deliveries"
        />
      ) : deliveries.data.length === 0 ? (
        <EmptyState
          icon={InboxIcon}
          title={filtered ? 'No delivery matches these filters' : 'No deliveries yet'}
        >
          {filtered
            ? 'Try another status or endpoint.'
            : 'Kayle lists a delivery here for each event it sends to one of your endpoints. In the sandbox, send a test event from an endpoint’s page.'}
        </EmptyState>
      ) : (
        <KayleDeliveriesTable
          deliveries={deliveries.data}
          endpointNames={names}
          canRetry={user.role === 'admin'}
        />
      )}
    </>
  )
}
