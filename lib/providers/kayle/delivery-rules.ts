import type { KayleRetentionReason } from './schemas'

// What Kayle's documentation says about a delivery's payload and outcome (deliveries.mdx,
// encryption.mdx, the OpenAPI `Webhook Delivery` schema), in words a person can act on.

export interface DeliveryState {
  status: string
  attempts: number
  lastStatusCode: number | null
  payloadExpiresAt: string | null
  payloadScrubbedAt: string | null
  retentionReason: string | null
}

/** `payload_retention_reason`, as the document's enum and the retention guide explain each value. */
export const RETENTION_REASON_TEXT: Record<KayleRetentionReason, string> = {
  pending_delivery: 'Kept while the delivery is pending or being attempted.',
  delivered: 'Scrubbed: the endpoint answered 2xx, and Kayle removes the payload at the first 2xx.',
  terminal_failure_retention:
    'Kept after the last automatic attempt failed, for the endpoint’s undelivered payload retention window.',
  expired: 'Scrubbed: the retention window after the final failure has passed.',
  no_active_key: 'Never kept: the endpoint had no active encryption key, so Kayle sent nothing.',
  jwe_creation_failed: 'Never kept: Kayle could not encrypt the payload for the endpoint’s key.',
  privacy_request: 'Scrubbed on a privacy request.',
}

export function retentionReasonText(reason: string | null): string {
  if (reason === null) return 'Kayle gave no reason.'
  return RETENTION_REASON_TEXT[reason as KayleRetentionReason] ?? `Kayle’s reason: ${reason}.`
}

/** Whether Kayle still keeps the encrypted payload (deliveries.mdx: not once expired or scrubbed). */
export function payloadRetained(d: DeliveryState, now = Date.now()): boolean {
  if (d.payloadScrubbedAt) return false
  if (d.payloadExpiresAt && Date.parse(d.payloadExpiresAt) <= now) return false
  return ![
    'delivered',
    'expired',
    'no_active_key',
    'jwe_creation_failed',
    'privacy_request',
  ].includes(d.retentionReason ?? '')
}

export type Retryability = { allowed: true } | { allowed: false; reason: string }

/**
 * deliveries.mdx, "Manual retry": only a failed delivery, and only while its encrypted payload is
 * kept; otherwise Kayle answers 409. A pending or delivering one is already on its way.
 */
export function retryability(d: DeliveryState, now = Date.now()): Retryability {
  if (d.status === 'succeeded')
    return { allowed: false, reason: 'Delivered: Kayle scrubbed the payload at the 2xx answer.' }
  if (d.status === 'pending' || d.status === 'delivering')
    return { allowed: false, reason: 'Kayle is still attempting this delivery.' }
  if (d.status !== 'failed')
    return {
      allowed: false,
      reason: `Kayle retries only failed deliveries (this one is ${d.status}).`,
    }
  if (payloadRetained(d, now)) return { allowed: true }
  if (
    d.retentionReason === 'no_active_key' ||
    d.retentionReason === 'jwe_creation_failed' ||
    d.retentionReason === 'privacy_request'
  )
    return {
      allowed: false,
      reason: `No payload to send again. ${retentionReasonText(d.retentionReason)}`,
    }
  return {
    allowed: false,
    reason: 'The payload is no longer retained: its retention window has passed.',
  }
}

/**
 * Why a delivery failed, from what the document records: the last status code (a non-2xx answer),
 * none at all (no connection, a timeout or no answer), or a reason Kayle never sent it.
 */
export function failureReason(d: DeliveryState): string | null {
  if (d.status !== 'failed') return null
  if (d.retentionReason === 'no_active_key')
    return 'The endpoint had no active encryption key: Kayle recorded the delivery as failed and sent nothing.'
  if (d.retentionReason === 'jwe_creation_failed')
    return 'Kayle could not create the encrypted payload (JWE), so it sent nothing.'
  if (d.lastStatusCode !== null)
    return `The endpoint answered HTTP ${d.lastStatusCode}; Kayle counts any answer outside 2xx as a failure.`
  if (d.attempts === 0) return 'Kayle made no attempt.'
  return 'The endpoint gave no answer: the connection failed, timed out, or nothing came back within Kayle’s request timeout.'
}
