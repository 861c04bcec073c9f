import { KayleDeliveryIdList } from '@/components/kayle/kayle-delivery-ids'
import { kayleIdsOf } from '@/lib/providers/kayle/delivery-ids'

/** Kayle's `metadata.event_id` from a decrypted payload, or null for any other payload. */
export function kayleEventIdOf(payload: unknown): string | null {
  return kayleIdsOf(payload).eventId
}

/** From a received Kayle delivery to its ids and to the event and delivery at Kayle. */
export function KayleEventLinks({
  payload,
  headers,
}: {
  payload: unknown
  headers?: Record<string, string>
}) {
  return <KayleDeliveryIdList ids={kayleIdsOf(payload, headers)} />
}
