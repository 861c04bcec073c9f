import 'server-only'
import { randomBytes } from 'node:crypto'
import { and, desc, eq, lt, type SQL } from 'drizzle-orm'
import { decodeProtectedHeader } from 'jose'
import type { Db } from '../../../db/client'
import { kayleSandboxDeliveries, type KayleSandboxDelivery } from '../../../db/schema'
import { sendOutbound } from '../../../net/outbound'
import { DEFAULT_EVENT_TYPE, type KayleEventTypeName } from '../event-catalog'
import { encryptForKayle } from '../jwe'
import { eventDeliveryOf } from '../schemas'
import { signKayle } from '../signature'
import { sampleEvent } from './events'
import { activeKeyOf, getEndpoint, kayleKeyIdOf, getKey, signingSecretOf } from './store'

export const DELIVERY_TIMEOUT_MS = 10_000
// Kayle retries failed deliveries with growing gaps; the sandbox records when the next would be.
const FIRST_RETRY_MS = 60_000

export type TestDeliveryResult =
  | { ok: true; delivery: KayleSandboxDelivery }
  | { ok: false; status: 404 | 409; code: string; message: string; hint?: string }

/**
 * Sends one realistic event to one endpoint as Kayle would: encrypted for its newest active key,
 * signed with its secret. Refuses (409) when Kayle would send nothing: paused, not subscribed,
 * or without an active key.
 */
export async function sendKayleTestEvent(
  db: Db,
  endpointId: string,
  type: KayleEventTypeName = DEFAULT_EVENT_TYPE,
): Promise<TestDeliveryResult> {
  const endpoint = await getEndpoint(db, endpointId)
  if (!endpoint)
    return {
      ok: false,
      status: 404,
      code: 'not_found',
      message: `endpoint ${endpointId} not found`,
    }
  if (!endpoint.enabled)
    return {
      ok: false,
      status: 409,
      code: 'endpoint_disabled',
      message: `endpoint ${endpointId} is disabled; enable it to receive deliveries`,
    }
  if (endpoint.subscribedEventTypes.length > 0 && !endpoint.subscribedEventTypes.includes(type)) {
    return {
      ok: false,
      status: 409,
      code: 'not_subscribed',
      message: `endpoint ${endpointId} is not subscribed to ${type}`,
    }
  }
  const key = await activeKeyOf(db, endpointId)
  if (!key) {
    return {
      ok: false,
      status: 409,
      code: 'no_active_key',
      message: `endpoint ${endpointId} has no active encryption key; register a public key with POST /v1/webhooks/endpoints/${endpointId}/keys`,
    }
  }
  const event = sampleEvent(type)
  const id = `whd_${randomBytes(8).toString('hex')}`
  const [row] = await db
    .insert(kayleSandboxDeliveries)
    .values({
      id,
      endpointId,
      eventId: event.metadata.event_id,
      eventType: type,
      status: 'pending',
      body: await encryptForKayle(event, key.publicJwk, key.keyId),
      headers: {
        'content-type': 'application/jose',
        'user-agent': 'Kayle-Sandbox/1.0',
        'x-kayle-delivery-id': id,
        'x-kayle-event': type,
      },
    })
    .returning()
  return { ok: true, delivery: await attempt(db, row!, endpoint.url, signingSecretOf(endpoint)) }
}

const PAYLOAD_EXPIRED = {
  ok: false as const,
  status: 409 as const,
  code: 'WEBHOOK_PAYLOAD_EXPIRED',
  message: 'The encrypted payload of this delivery is no longer retained.',
  hint: 'Manual retry and replay work only while payload_expires_at has not passed and payload_scrubbed_at is not set.',
}

/**
 * Sends a stored delivery again, unchanged but for a fresh signature. As deliveries.mdx says,
 * only while its encrypted payload is retained; otherwise 409 WEBHOOK_PAYLOAD_EXPIRED.
 */
export async function retryKayleDelivery(db: Db, deliveryId: string): Promise<TestDeliveryResult> {
  const [row] = await db
    .select()
    .from(kayleSandboxDeliveries)
    .where(eq(kayleSandboxDeliveries.id, deliveryId))
  if (!row)
    return {
      ok: false,
      status: 404,
      code: 'NOT_FOUND',
      message: `Webhook delivery ${deliveryId} not found.`,
    }
  const endpoint = await getEndpoint(db, row.endpointId)
  if (!endpoint || !retention(row, endpoint.retentionHours).retained) return PAYLOAD_EXPIRED
  return { ok: true, delivery: await attempt(db, row, endpoint.url, signingSecretOf(endpoint)) }
}

/** Requeues every delivery of an event that still has its payload; 409 when none has. */
export async function replayKayleEvent(
  db: Db,
  eventId: string,
): Promise<{ ok: true } | Exclude<TestDeliveryResult, { ok: true }>> {
  const rows = await db
    .select()
    .from(kayleSandboxDeliveries)
    .where(eq(kayleSandboxDeliveries.eventId, eventId))
  if (rows.length === 0)
    return {
      ok: false,
      status: 404,
      code: 'NOT_FOUND',
      message: `Webhook event ${eventId} not found.`,
    }
  let replayed = 0
  for (const row of rows) {
    const endpoint = await getEndpoint(db, row.endpointId)
    if (!endpoint || !retention(row, endpoint.retentionHours).retained) continue
    await attempt(db, row, endpoint.url, signingSecretOf(endpoint))
    replayed++
  }
  return replayed ? { ok: true } : PAYLOAD_EXPIRED
}

/**
 * What Kayle keeps of a delivery's payload (deliveries.mdx, "Payload retention"): scrubbed at the
 * first 2xx; kept for the endpoint's undelivered_payload_retention_hours after a failure.
 */
export function retention(row: KayleSandboxDelivery, retentionHours: number | undefined) {
  const at = row.updatedAt
  if (row.status === 'succeeded' || row.body === '')
    return {
      retained: false,
      expiresAt: null,
      scrubbedAt: at.toISOString(),
      reason: row.status === 'succeeded' ? 'delivered' : 'expired',
    }
  if (row.status !== 'failed')
    return { retained: true, expiresAt: null, scrubbedAt: null, reason: 'pending_delivery' }
  if (retentionHours === undefined || retentionHours === 0)
    return { retained: false, expiresAt: null, scrubbedAt: at.toISOString(), reason: 'expired' }
  const expires = new Date(at.getTime() + retentionHours * 3600_000)
  const live = expires.getTime() > Date.now()
  return {
    retained: live,
    expiresAt: expires.toISOString(),
    scrubbedAt: null,
    reason: live ? 'terminal_failure_retention' : 'expired',
  }
}

async function attempt(
  db: Db,
  row: KayleSandboxDelivery,
  url: string,
  secret: string,
): Promise<KayleSandboxDelivery> {
  const t = Math.floor(Date.now() / 1000)
  // Refused addresses and network failures alike are a failed attempt without a status code, as Kayle records it.
  const result = await sendOutbound(db, url, {
    method: 'POST',
    headers: { ...row.headers, 'x-kayle-signature': signKayle(row.body, secret, t) },
    body: row.body,
    timeoutMs: DELIVERY_TIMEOUT_MS,
  })
  const statusCode = result.ok ? result.status : null
  const attempts = row.attempts + 1
  const succeeded = statusCode !== null && statusCode >= 200 && statusCode < 300
  const [updated] = await db
    .update(kayleSandboxDeliveries)
    .set({
      status: succeeded ? 'succeeded' : 'failed',
      attempts,
      lastStatusCode: statusCode,
      nextAttemptAt: succeeded ? null : new Date(Date.now() + FIRST_RETRY_MS * 2 ** (attempts - 1)),
      // Kayle scrubs the encrypted payload at the first 2xx.
      ...(succeeded ? { body: '' } : {}),
      updatedAt: new Date(),
    })
    .where(eq(kayleSandboxDeliveries.id, row.id))
    .returning()
  return updated!
}

export interface DeliveryFilter {
  status?: string
  endpointId?: string
  eventId?: string
  limit: number
  before?: number
}

/** Newest first; `before` is the previous page's cursor. */
export async function listKayleDeliveries(
  db: Db,
  filter: DeliveryFilter,
): Promise<{ rows: KayleSandboxDelivery[]; hasMore: boolean }> {
  const where: SQL[] = []
  if (filter.status) where.push(eq(kayleSandboxDeliveries.status, filter.status))
  if (filter.endpointId) where.push(eq(kayleSandboxDeliveries.endpointId, filter.endpointId))
  if (filter.eventId) where.push(eq(kayleSandboxDeliveries.eventId, filter.eventId))
  if (filter.before !== undefined) where.push(lt(kayleSandboxDeliveries.seq, filter.before))
  const rows = await db
    .select()
    .from(kayleSandboxDeliveries)
    .where(and(...where))
    .orderBy(desc(kayleSandboxDeliveries.seq))
    .limit(filter.limit + 1)
  return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit }
}

/** The delivery as Kayle's document describes it ("Webhook Delivery"); body and headers stay inside. */
export async function deliveryJson(db: Db, row: KayleSandboxDelivery) {
  const endpoint = await getEndpoint(db, row.endpointId)
  const kept = retention(row, endpoint?.retentionHours)
  // The key is named by the JWE's kid while the payload is kept; once scrubbed it is unknown.
  const kid = row.body ? kidOf(row.body) : undefined
  const key = kid ? await getKey(db, kid) : undefined
  return {
    id: row.id,
    event_id: row.eventId,
    webhook_endpoint_id: row.endpointId,
    webhook_encryption_key_id: key ? kayleKeyIdOf(key) : null,
    status: row.status,
    attempt_count: row.attempts,
    next_attempt_at:
      row.status === 'failed' || row.status === 'succeeded'
        ? null
        : (row.nextAttemptAt?.toISOString() ?? null),
    payload_expires_at: kept.expiresAt,
    payload_scrubbed_at: kept.scrubbedAt,
    payload_retention_reason: kept.reason,
    last_status_code: row.lastStatusCode,
    last_attempt_at: row.attempts > 0 ? row.updatedAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

/** The event as Kayle's document describes it ("Webhook Event"), from its deliveries. */
export async function eventJson(db: Db, rows: KayleSandboxDelivery[]) {
  const first = rows[0]!
  const deliveries = await Promise.all(rows.map((row) => deliveryJson(db, row)))
  return {
    id: first.eventId,
    type: first.eventType,
    trigger_type: 'verification_session' as const,
    // The sandbox keeps no session row; the event id stands in for the session that fired it.
    trigger_id: first.eventId,
    created_at: first.createdAt.toISOString(),
    deliveries: deliveries.map(eventDeliveryOf),
  }
}

/** Every event (newest first), each with its deliveries, optionally of one type. */
export async function listKayleEvents(db: Db, type?: string): Promise<KayleSandboxDelivery[][]> {
  const rows = await db
    .select()
    .from(kayleSandboxDeliveries)
    .where(type ? eq(kayleSandboxDeliveries.eventType, type) : undefined)
    .orderBy(desc(kayleSandboxDeliveries.seq))
  const events = new Map<string, KayleSandboxDelivery[]>()
  for (const row of rows) events.set(row.eventId, [...(events.get(row.eventId) ?? []), row])
  return [...events.values()]
}

function kidOf(jwe: string): string | undefined {
  try {
    const kid = decodeProtectedHeader(jwe).kid
    return typeof kid === 'string' ? kid : undefined
  } catch {
    return undefined
  }
}
