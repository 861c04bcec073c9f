import { DetailSection } from './detail-section'
import { VerdictBadge } from '@/components/events/verdict-badge'
import { VERDICT_EXPLANATIONS, formatBytes, PROVIDER_LABELS } from '@/lib/events/format'
import { LocalTime } from '@/components/relative-time'
import type { EventDetail } from '@/lib/events/types'
import { describeAnswer } from '@/lib/webhooks/answer-text'
import Link from 'next/link'

// The signature verdict with its reason, and the delivery's request facts.

export function EventFacts({ event }: { event: EventDetail }) {
  const facts: [string, React.ReactNode][] = [
    ['Received', <LocalTime key="t" value={event.receivedAt} data-testid="received-at" />],
    ['Request', `${event.method} · ${event.contentType ?? 'no content type'}`],
    ['Size', formatBytes(event.size)],
    [
      'Response',
      event.answer ? (
        <span key="a" className="break-words" data-testid="answered-by-rule">
          {describeAnswer(event.answer)}
        </span>
      ) : (
        `${event.responseStatus}${event.rejected ? ' (rejected)' : ''}`
      ),
    ],
    ['Source IP', event.sourceIp ?? 'unknown'],
    ['Provider', PROVIDER_LABELS[event.provider] ?? event.provider],
    ['Endpoint', event.endpointId ?? 'unknown'],
  ]
  return (
    <DetailSection id="verdict-title" title="Signature">
      <div className="flex flex-col gap-4">
        <div className="flex flex-col items-start gap-2" data-testid="verdict">
          <VerdictBadge verdict={event.verdict} parseStatus={event.parseStatus} />
          <p className="text-sm text-muted-foreground">{VERDICT_EXPLANATIONS[event.verdict]}</p>
          {event.duplicateOf !== null ? (
            <p className="text-sm text-muted-foreground">
              A redelivery: the same content arrived earlier as{' '}
              <Link
                className="text-primary underline-offset-4 hover:underline"
                href={`/events/${event.duplicateOf}`}
              >
                #{event.duplicateOf}
              </Link>{' '}
              (
              <Link
                className="text-primary underline-offset-4 hover:underline"
                href={`/events/compare?a=${event.duplicateOf}&b=${event.id}`}
              >
                compare
              </Link>
              ).
            </p>
          ) : null}
        </div>
        <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-2 border-t pt-4 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="min-w-0 break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </DetailSection>
  )
}
