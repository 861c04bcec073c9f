import type { Metadata } from 'next'
import { AlertTriangleIcon } from 'lucide-react'
import { PageHeader } from '@/components/page-header'
import { BulkReplayButton } from '@/components/events/bulk-replay/bulk-replay-button'
import { AnswerRuleWarning } from '@/components/events/answer-rule-warning'
import { ClearLogButton } from '@/components/events/clear-log-button'
import { LiveDeliveryChart } from '@/components/events/live-delivery-chart'
import { EventLog } from '@/components/events/event-log'
import { ExportButtons } from '@/components/events/export-buttons'
import { FilterBar } from '@/components/events/filter-bar'
import { SavedViewsMenu } from '@/components/events/saved-views/saved-views-menu'
import { ReceiverUrlCard } from '@/components/events/receiver-url-card'
import { Badge } from '@/components/ui/badge'
import { RegisterReceiverButton } from '@/components/events/register-receiver-button'
import { requireSession } from '@/lib/auth/current'
import { loadEndpoints } from '@/lib/providers/konpro/endpoints'
import { isSandbox } from '@/lib/providers/konpro/mode'
import { eventHistogram, latestEventId, listEvents } from '@/lib/events/queries'
import { listSavedViews } from '@/lib/events/saved-views'
import {
  chartRangeOf,
  filtersToSearchParams,
  hasActiveFilters,
  parseEventFiltersLenient,
} from '@/lib/validations/event-filters'
import { listAnswerRules } from '@/lib/webhooks/answer-rules'
import { RECEIVER_PATH, receiverUrl } from '@/lib/webhooks/receiver-url'

export const metadata: Metadata = { title: 'Events' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function EventsPage({ searchParams }: Props) {
  const { user, db } = await requireSession()
  const params = await searchParams
  const { filters, invalid } = parseEventFiltersLenient(params)
  // The list's window decides the chart's span; `range` only keeps a picked bar's chart.
  const range = chartRangeOf(filters, params.range)
  // The newest id first, then the page below it: rows stored in between reach the browser
  // through the live stream instead of falling into a gap between the two.
  const startAfter = await latestEventId(db)
  const [endpoints, url, initial, histogram, sandbox, answerRules, views] = await Promise.all([
    loadEndpoints(),
    receiverUrl(),
    listEvents(db, { filters, before: startAfter + 1 }),
    eventHistogram(db, { range, filters }),
    isSandbox(),
    listAnswerRules(db),
    listSavedViews(db, user.id),
  ])
  const filtered = hasActiveFilters(filters)
  const isAdmin = user.role === 'admin'
  const registered = endpoints.ok
    ? endpoints.data.filter((e) => pathOf(e.url) === RECEIVER_PATH)
    : []
  return (
    <>
      {/* The actions, chart and filters take a dozen Tabs: the log is one link away instead. */}
      <a
        href="#deliveries"
        className="sr-only z-50 rounded-md bg-card px-3 py-2 shadow-md focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to the deliveries
      </a>
      <PageHeader
        title="Events"
        description="Every webhook this console receives, live."
        actions={
          <>
            <SavedViewsMenu views={views} query={filtersToSearchParams(filters).toString()} />
            <ExportButtons filters={filters} />
            {isAdmin ? (
              <BulkReplayButton
                filters={filters}
                endpoints={
                  endpoints.ok ? endpoints.data.map((e) => ({ id: e.id, url: e.url })) : []
                }
              />
            ) : null}
            {isAdmin ? <ClearLogButton filters={filters} /> : null}
          </>
        }
      />
      <div className="flex min-w-0 flex-col gap-3">
        <AnswerRuleWarning rules={answerRules} />
        <ReceiverUrlCard url={url} collapsed={registered.length > 0}>
          {registered.length ? (
            <Badge variant="success" title={registered.map((e) => e.url).join('\n')}>
              Registered with KonPro
            </Badge>
          ) : isAdmin && endpoints.ok ? (
            <RegisterReceiverButton url={url} />
          ) : null}
        </ReceiverUrlCard>
        <LiveDeliveryChart
          buckets={histogram.buckets}
          range={range}
          filters={filters}
          renderedAt={startAfter}
        />
        <div className="flex min-w-0 flex-col gap-3">
          <FilterBar
            filters={filters}
            range={range}
            endpoints={endpoints.ok ? endpoints.data.map((e) => ({ id: e.id, url: e.url })) : []}
          />
          {invalid.length > 0 ? (
            <p role="note" className="flex items-center gap-2 text-sm text-warning">
              <AlertTriangleIcon className="size-4" aria-hidden />
              Ignored invalid filter{invalid.length > 1 ? 's' : ''} in the address:{' '}
              {invalid.join(', ')}.
            </p>
          ) : null}
          <EventLog
            key={`${JSON.stringify(filters)}:${startAfter}`}
            filters={filters}
            initial={initial}
            startAfter={startAfter}
            filtered={filtered}
            receiver={{ registered: registered.length > 0, sandbox }}
            selected={selectedOf(params.selected)}
          />
        </div>
      </div>
    </>
  )
}

function selectedOf(value: string | string[] | undefined) {
  const id = Number(Array.isArray(value) ? value[0] : value)
  return Number.isSafeInteger(id) && id > 0 ? id : undefined
}

function pathOf(url: string) {
  try {
    return new URL(url).pathname.replace(/\/+$/, '')
  } catch {
    return ''
  }
}
