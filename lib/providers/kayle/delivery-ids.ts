// Kayle's own identifiers of a received delivery, shown the way KonPro's `event_data` ids are:
// `metadata.event_id` and `metadata.verification_session_id` from the decrypted payload (the four
// payload guides), and the delivery id from the `X-Kayle-Delivery-Id` header (verifying-signatures.mdx).
// lib/events/queries.ts reads the same three paths in SQL for the list.

import type { KayleIds } from '../../events/types'

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
const text = (value: unknown) => (typeof value === 'string' && value ? value : null)

/** The ids of a Kayle delivery; all null for anything that is not one. */
export function kayleIdsOf(payload: unknown, headers: Record<string, string> = {}): KayleIds {
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
