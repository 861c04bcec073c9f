'use client'

import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import type { BulkRun } from './use-bulk-run'

const n = (v: number) => v.toLocaleString('en')
const SHOWN_IDS = 5

const classVariant = (key: string) =>
  key === '2xx' ? 'success' : key === '5xx' ? 'destructive' : 'warning'

/** A run's progress (sent / failed / remaining) while it goes, and what came of it once it ends. */
export function BulkRunView({
  run,
  filterHref,
  onLeave,
}: {
  run: BulkRun
  filterHref: string
  onLeave: () => void
}) {
  const { tally, total, processed } = run
  const remaining = total - processed
  const pct = (v: number) => `${total ? (v / total) * 100 : 0}%`
  return (
    <div className="flex min-w-0 flex-col gap-4 text-sm">
      <p className="min-w-0">
        To{' '}
        <span className="block truncate font-mono text-xs" title={run.target.url}>
          {run.target.url}
        </span>
        <span className="text-xs text-muted-foreground">
          {run.target.mode === 'resigned'
            ? `Re-signed with endpoint ${run.target.endpointId}`
            : 'Original headers and signature'}
        </span>
      </p>
      <div
        role="progressbar"
        aria-label="Deliveries sent again"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={processed}
        aria-valuetext={`${n(processed)} of ${n(total)}`}
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-success transition-[width]" style={{ width: pct(tally.sent) }} />
        <div
          className="h-full bg-destructive transition-[width]"
          style={{ width: pct(tally.failed) }}
        />
      </div>
      <dl data-testid="bulk-progress" className="grid grid-cols-3 gap-2 text-center">
        <Count label="Sent" value={tally.sent} />
        <Count label="Failed" value={tally.failed} />
        <Count label="Remaining" value={remaining} />
      </dl>
      {run.phase === 'running' ? null : (
        <section aria-label="Summary" data-testid="bulk-summary" className="flex flex-col gap-3">
          <p className="font-medium" role="status">
            {run.phase === 'done'
              ? `Done: ${n(tally.sent)} sent, ${n(tally.failed)} failed.`
              : run.phase === 'cancelled'
                ? `Cancelled: ${n(tally.sent)} sent, ${n(tally.failed)} failed, ${n(remaining)} not sent.`
                : `Stopped: ${n(tally.sent)} sent, ${n(tally.failed)} failed, ${n(remaining)} not sent.`}
          </p>
          {run.stopReason ? <p className="break-words text-destructive">{run.stopReason}</p> : null}
          {tally.sent > 0 ? (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-muted-foreground">Answers:</span>
              {Object.entries(tally.byClass)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([key, count]) => (
                  <Badge key={key} variant={classVariant(key)}>
                    {key} × {n(count)}
                  </Badge>
                ))}
            </div>
          ) : null}
          {tally.failures.length ? (
            <ul aria-label="Why some were not sent" className="flex flex-col gap-2">
              {tally.failures.map((f) => (
                <li key={f.reason} className="min-w-0 rounded-md border p-2">
                  <p className="break-words">
                    <span className="font-medium">{n(f.ids.length)} ×</span> {f.reason}
                  </p>
                  <p className="mt-1 flex flex-wrap gap-x-2 text-xs">
                    {f.ids.slice(0, SHOWN_IDS).map((id) => (
                      <Link key={id} href={`/events/${id}`} className="underline">
                        #{id}
                      </Link>
                    ))}
                    {f.ids.length > SHOWN_IDS ? (
                      <span className="text-muted-foreground">
                        and {n(f.ids.length - SHOWN_IDS)} more
                      </span>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="text-muted-foreground">
            Each answer is kept on its delivery’s page.{' '}
            <Link href={filterHref} onClick={onLeave} className="text-foreground underline">
              Show the filtered log
            </Link>
          </p>
        </section>
      )}
    </div>
  )
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="min-w-0 rounded-md border p-2">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd
        className="text-lg font-semibold tabular-nums"
        data-testid={`bulk-${label.toLowerCase()}`}
      >
        {n(value)}
      </dd>
    </div>
  )
}
