import Link from 'next/link'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { CopyButton } from '@/components/copy-button'
import { Fact } from '@/components/fact'
import { RelativeTime } from '@/components/relative-time'
import {
  failureReason,
  retentionReasonText,
  retryability,
} from '@/lib/providers/kayle/delivery-rules'
import type { KayleDelivery } from '@/lib/providers/kayle/schemas'
import { DeliveryStatus } from './kayle-deliveries-table'
import { kayleEventHref } from './kayle-paths'
import { KayleRetry } from './kayle-retry'

const linkClass = 'text-primary underline-offset-4 hover:underline'

function Id({ value, label }: { value: string; label: string }) {
  return (
    <span className="flex min-w-0 items-center gap-1">
      <code className="min-w-0 font-mono text-xs break-all">{value}</code>
      <CopyButton value={value} label={`Copy ${label}`} size="icon" />
    </span>
  )
}

/** A time Kayle recorded, or what its absence means for this delivery. */
function TimeOr({
  value,
  none,
  future = false,
}: {
  value: string | null
  none: string
  future?: boolean
}) {
  return value ? (
    <RelativeTime value={value} future={future} />
  ) : (
    <span className="text-muted-foreground">{none}</span>
  )
}

/** One Kayle delivery as Kayle records it: outcome, attempts, where it went, and what Kayle keeps of it. */
export function KayleDeliveryFacts({
  delivery: d,
  endpointName,
  canRetry,
}: {
  delivery: KayleDelivery
  endpointName: string
  canRetry: boolean
}) {
  const failure = failureReason(d)
  const retry = retryability(d)
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="grid grid-cols-1 gap-4 pt-5 sm:grid-cols-2">
          <dl className="contents">
            <Fact label="Status">
              <DeliveryStatus status={d.status} />
            </Fact>
            <Fact label="Attempts">
              <span className="tabular-nums">{d.attempts}</span>{' '}
              <span className="text-muted-foreground">(of at most 8 automatic)</span>
            </Fact>
            <Fact label="Last answer">
              {d.lastStatusCode === null ? (
                <span className="text-muted-foreground">none</span>
              ) : (
                <span className="font-mono">HTTP {d.lastStatusCode}</span>
              )}
            </Fact>
            <Fact label="Last attempt">
              <RelativeTime value={d.lastAttemptAt} />
            </Fact>
            <Fact label="Next attempt">
              <TimeOr value={d.nextAttemptAt} none="none scheduled" future />
            </Fact>
            <Fact label="Created">
              <RelativeTime value={d.createdAt || null} />
            </Fact>
            <Fact label="Endpoint">
              <Link
                href={`/kayle/endpoints/${encodeURIComponent(d.endpointId)}`}
                className={linkClass}
              >
                {endpointName}
              </Link>
              <span className="block font-mono text-xs text-muted-foreground">{d.endpointId}</span>
            </Fact>
            <Fact label="Event">
              <Link href={kayleEventHref(d.eventId)} className={`font-mono text-xs ${linkClass}`}>
                {d.eventId}
              </Link>
            </Fact>
            <Fact label="Delivery ID">
              <Id value={d.id} label="delivery ID" />
            </Fact>
            <Fact label="Encryption key">
              {d.encryptionKeyId ? (
                <code className="font-mono text-xs">{d.encryptionKeyId}</code>
              ) : (
                <span className="text-muted-foreground">none</span>
              )}
            </Fact>
          </dl>
        </CardContent>
      </Card>
      {failure ? (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle>Why it failed</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm" data-testid="kayle-failure-reason">
              {failure}
            </p>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Payload</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Fact label="Retention reason">
              <code className="font-mono text-xs">{d.retentionReason ?? 'none'}</code>
              <span
                className="mt-1 block break-normal text-muted-foreground"
                data-testid="kayle-retention-reason"
              >
                {retentionReasonText(d.retentionReason)}
              </span>
            </Fact>
            <Fact label="Payload expires">
              {d.payloadExpiresAt ? (
                <>
                  <RelativeTime
                    value={d.payloadExpiresAt}
                    future
                    data-testid="kayle-payload-expires"
                  />{' '}
                  <span className="block font-mono text-xs text-muted-foreground">
                    {d.payloadExpiresAt}
                  </span>
                </>
              ) : (
                <span className="text-muted-foreground">no expiry set</span>
              )}
            </Fact>
            <Fact label="Payload scrubbed">
              <TimeOr value={d.payloadScrubbedAt} none="not scrubbed" />
            </Fact>
          </dl>
          {canRetry ? (
            <div className="flex flex-wrap items-center gap-3">
              <KayleRetry deliveryId={d.id} retry={retry} />
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  )
}
