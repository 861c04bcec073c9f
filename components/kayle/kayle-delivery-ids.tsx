import Link from 'next/link'
import { IdRows } from '@/components/provider/id-rows'
import type { KayleIds } from '@/lib/events/types'
import { kayleDeliveryHref, kayleEventHref } from './kayle-paths'

const linkClass = 'text-primary underline-offset-4 hover:underline'

/** The ids with copy buttons, and links to the event and this delivery at Kayle. */
export function KayleDeliveryIdList({ ids }: { ids: KayleIds }) {
  const rows = [
    ['metadata.event_id', ids.eventId],
    ['metadata.verification_session_id', ids.sessionId],
    ['X-Kayle-Delivery-Id', ids.deliveryId],
  ].filter((r): r is [string, string] => r[1] !== null)
  if (rows.length === 0) return null
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="kayle-delivery-ids">
      <dl className="grid gap-3">
        <IdRows rows={rows} />
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
