import 'server-only'
import { randomBytes } from 'node:crypto'
import { and, desc, eq, lt, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { kayleSandboxDeliveries, type KayleSandboxDelivery } from '../../db/schema'
import { sendOutbound } from '../../net/outbound'
import { DEFAULT_EVENT_TYPE, type KayleEventTypeName } from '../event-catalog'
import { encryptForKayle } from '../jwe'
import { signKayle } from '../signature'
import { sampleEvent } from './events'
import { activeKeyOf, getEndpoint, signingSecretOf } from './store'

export const DELIVERY_TIMEOUT_MS = 10_000
// Kayle retries failed deliveries with growing gaps; the sandbox records when the next would be.
const FIRST_RETRY_MS = 60_000

export type TestDeliveryResult =
  | { ok: true; delivery: KayleSandboxDelivery }
  | { ok: false; status: 404 | 409; code: string; message: string }

/**
 * Sends one realistic event to one endpoint as Kayle would: encrypted for its newest active key,
 * signed with its secret. Refuses (409) when Kayle would send nothing: paused, not subscribed,
 * or without an active key.
 */
export async function sendKayleTestEvent(db: Db, endpointId: string, type: KayleEventTypeName = DEFAULT_EVENT_TYPE): Promise<TestDeliveryResult> {
  const endpoint = await getEndpoint(db, endpointId)
  if (!endpoint) return { ok: false, status: 404, code: 'not_found', message: `endpoint ${endpointId} not found` }
  if (!endpoint.enabled) return { ok: false, status: 409, code: 'endpoint_disabled', message: `endpoint ${endpointId} is disabled; enable it to receive deliveries` }
  if (endpoint.subscribedEventTypes.length > 0 && !endpoint.subscribedEventTypes.includes(type)) {
    return { ok: false, status: 409, code: 'not_subscribed', message: `endpoint ${endpointId} is not subscribed to ${type}` }
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
  const id = `dlv_${randomBytes(8).toString('hex')}`
  const [row] = await db
    .insert(kayleSandboxDeliveries)
    .values({
      id,
      endpointId,
      eventId: event.metadata.event_id,
      eventType: type,
      status: 'pending',
      body: await encryptForKayle(event, key.publicJwk, key.keyId),
      headers: { 'content-type': 'application/jose', 'user-agent': 'Kayle-Sandbox/1.0', 'x-kayle-delivery-id': id, 'x-kayle-event': type },
    })
    .returning()
  return { ok: true, delivery: await attempt(db, row!, endpoint.url, signingSecretOf(endpoint)) }
}

/** Sends a stored delivery again, unchanged but for a fresh signature. */
export async function retryKayleDelivery(db: Db, deliveryId: string): Promise<TestDeliveryResult> {
  const [row] = await db.select().from(kayleSandboxDeliveries).where(eq(kayleSandboxDeliveries.id, deliveryId))
  if (!row) return { ok: false, status: 404, code: 'not_found', message: `delivery ${deliveryId} not found` }
  const endpoint = await getEndpoint(db, row.endpointId)
  if (!endpoint) return { ok: false, status: 409, code: 'endpoint_deleted', message: `the endpoint of delivery ${deliveryId} no longer exists` }
  return { ok: true, delivery: await attempt(db, row, endpoint.url, signingSecretOf(endpoint)) }
}

async function attempt(db: Db, row: KayleSandboxDelivery, url: string, secret: string): Promise<KayleSandboxDelivery> {
  const t = Math.floor(Date.now() / 1000)
  // Refused addresses and network failures alike are a failed attempt without a status code, as Kayle records it.
  const result = await sendOutbound(url, {
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
export async function listKayleDeliveries(db: Db, filter: DeliveryFilter): Promise<{ rows: KayleSandboxDelivery[]; hasMore: boolean }> {
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

/** The delivery as Kayle's API answers it (the body and headers stay inside the sandbox). */
export function deliveryJson(row: KayleSandboxDelivery) {
  return {
    id: row.id,
    endpoint_id: row.endpointId,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}
