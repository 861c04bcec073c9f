import Link from 'next/link'
import { CopyButton } from '@/components/copy-button'
import { kayleDeliveryHref, kayleEventHref } from './kayle-paths'

// Kayle's own identifiers of a received delivery, shown the way KonPro's `event_data` ids are:
// `metadata.event_id` and `metadata.verification_session_id` from the decrypted payload (the four
// payload guides), and the delivery id from the `X-Kayle-Delivery-Id` header (verifying-signatures.mdx).

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
const text = (value: unknown) => (typeof value === 'string' && value ? value : null)

export interface KayleDeliveryIds {
  eventId: string | null
  sessionId: string | null
  deliveryId: string | null
}

/** The ids of a Kayle delivery; all null for anything that is not one. */
export function kayleIdsOf(
  payload: unknown,
  headers: Record<string, string> = {},
): KayleDeliveryIds {
  const body = record(payload)
  const kayle = typeof body.type === 'string' && body.type.startsWith('verification.session.')
  const metadata = record(body.metadata)
  const header = Object.entries(headers).find(
    ([name]) => name.toLowerCase() === 'x-kayle-delivery-id',
  )?.[1]
  return {
    eventId: kayle ? text(metadata.event_id) : null,
    sessionId: kayle
      ? (text(metadata.verification_session_id) ?? text(record(body.data).verification_session_id))
      : null,
    deliveryId: text(header),
  }
}

const linkClass = 'text-primary underline-offset-4 hover:underline'

/** The ids with copy buttons, and links to the event and this delivery at Kayle. */
export function KayleDeliveryIdList({ ids }: { ids: KayleDeliveryIds }) {
  const rows = [
    ['metadata.event_id', ids.eventId],
    ['metadata.verification_session_id', ids.sessionId],
    ['X-Kayle-Delivery-Id', ids.deliveryId],
  ].filter((r): r is [string, string] => r[1] !== null)
  if (rows.length === 0) return null
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="kayle-delivery-ids">
      <dl className="grid gap-3">
        {rows.map(([field, value]) => (
          <div key={field} className="grid gap-1">
            <dt className="font-mono text-xs text-muted-foreground">{field}</dt>
            <dd className="flex min-w-0 items-center justify-between gap-2">
              <code className="min-w-0 font-mono text-xs break-all">{value}</code>
              <CopyButton value={value} label={`Copy ${field}`} size="icon" />
            </dd>
          </div>
        ))}
      </dl>
      {ids.eventId ? (
        <p className="flex flex-wrap gap-x-3 gap-y-1">
          <Link className={linkClass} href={kayleEventHref(ids.eventId)}>
            Event at Kayle (replay)
          </Link>
          {ids.deliveryId ? (
            <Link className={linkClass} href={kayleDeliveryHref(ids.eventId, ids.deliveryId)}>
              This delivery at Kayle
            </Link>
          ) : null}
          <Link
            className={linkClass}
            href={`/kayle/deliveries?event=${encodeURIComponent(ids.eventId)}`}
          >
            All deliveries of this event
          </Link>
        </p>
      ) : null}
    </div>
  )
}
