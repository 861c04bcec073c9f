import { z } from 'zod'

// Readers for Kayle's answers, as its OpenAPI document (openapi-webhooks.json) describes them:
// every answer is `{ data, error }`; list answers add `pagination: { limit, has_more, next_cursor }`.
// Required fields are required here too, so an answer that departs from the document is reported
// as unreadable instead of being shown with made-up defaults.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value)

const nullableString = z.string().nullable()
// Kayle's ids (endpoints, keys, deliveries, events): opaque, never empty.
const kayleId = z.string().min(1)
const nullableNumber = z.number().nullable()

export const KAYLE_DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const
export type KayleDeliveryStatus = (typeof KAYLE_DELIVERY_STATUSES)[number]

/** Why Kayle keeps (or no longer keeps) a delivery's encrypted payload (`payload_retention_reason`). */
export const KAYLE_RETENTION_REASONS = [
  'pending_delivery',
  'delivered',
  'terminal_failure_retention',
  'expired',
  'no_active_key',
  'jwe_creation_failed',
  'privacy_request',
] as const
export type KayleRetentionReason = (typeof KAYLE_RETENTION_REASONS)[number]

export const kayleEndpointSchema = z
  .object({
    id: kayleId,
    organization_id: z.string(),
    name: nullableString,
    // Required by the schema, but the guide's own create example leaves it out: absent means none.
    labels: z.array(z.string()).optional(),
    url: z.string(),
    enabled: z.boolean(),
    subscribed_event_types: z.array(z.string()),
    // Not in the document's `required` list; it documents the default as 72.
    undelivered_payload_retention_hours: z.number().optional(),
    created_at: z.string(),
    updated_at: z.string(),
    disabled_at: nullableString,
  })
  .transform((e) => ({
    id: e.id,
    organizationId: e.organization_id,
    name: e.name || null,
    labels: e.labels ?? [],
    url: e.url,
    enabled: e.enabled,
    subscribedEventTypes: e.subscribed_event_types,
    undeliveredPayloadRetentionHours: e.undelivered_payload_retention_hours ?? 72,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
    disabledAt: e.disabled_at,
  }))
export type KayleEndpoint = z.output<typeof kayleEndpointSchema>

export const kayleKeySchema = z
  .object({
    id: kayleId,
    webhook_endpoint_id: z.string(),
    key_id: kayleId,
    algorithm: z.string(),
    key_type: z.string(),
    jwk: z.record(z.string(), z.unknown()),
    is_active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
    disabled_at: nullableString,
  })
  .transform((k) => ({
    /** Kayle's id (`whk_...`): what deactivate and reactivate take. */
    id: k.id,
    /** The caller's id, the JWE `kid`. */
    keyId: k.key_id,
    endpointId: k.webhook_endpoint_id,
    algorithm: k.algorithm,
    keyType: k.key_type,
    jwk: k.jwk,
    isActive: k.is_active,
    status: k.is_active ? ('active' as const) : ('inactive' as const),
    createdAt: k.created_at,
    updatedAt: k.updated_at,
    disabledAt: k.disabled_at,
  }))
export type KayleKey = z.output<typeof kayleKeySchema>

// Kept as sent: a status or reason Kayle adds later should show, not break the page.
const deliveryStatus = z.string().transform((s) => s as KayleDeliveryStatus | (string & {}))
const retentionReason = nullableString.transform(
  (s) => s as KayleRetentionReason | (string & {}) | null,
)

// A delivery as an event lists it: the fields every delivery has, in the names Kayle sends.
const eventDeliveryShape = {
  id: kayleId,
  webhook_endpoint_id: z.string(),
  status: deliveryStatus,
  last_status_code: nullableNumber,
  attempt_count: z.number(),
  last_attempt_at: nullableString,
  payload_expires_at: nullableString,
  payload_scrubbed_at: nullableString,
  payload_retention_reason: retentionReason,
}
type EventDeliveryField = keyof typeof eventDeliveryShape
const EVENT_DELIVERY_FIELDS = Object.keys(eventDeliveryShape) as EventDeliveryField[]

/** The fields of a delivery an event's `deliveries` list shows (Kayle's "Webhook Event"). */
export function eventDeliveryOf<T extends Record<EventDeliveryField, unknown>>(
  d: T,
): Pick<T, EventDeliveryField> {
  return Object.fromEntries(EVENT_DELIVERY_FIELDS.map((k) => [k, d[k]])) as Pick<
    T,
    EventDeliveryField
  >
}

const eventDeliveryView = (d: z.output<z.ZodObject<typeof eventDeliveryShape>>) => ({
  id: d.id,
  endpointId: d.webhook_endpoint_id,
  status: d.status,
  lastStatusCode: d.last_status_code,
  attempts: d.attempt_count,
  lastAttemptAt: d.last_attempt_at,
  payloadExpiresAt: d.payload_expires_at,
  payloadScrubbedAt: d.payload_scrubbed_at,
  retentionReason: d.payload_retention_reason,
})

export const kayleDeliverySchema = z
  .object({
    ...eventDeliveryShape,
    event_id: z.string(),
    webhook_encryption_key_id: nullableString,
    next_attempt_at: nullableString,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .transform((d) => ({
    ...eventDeliveryView(d),
    eventId: d.event_id,
    encryptionKeyId: d.webhook_encryption_key_id,
    nextAttemptAt: d.next_attempt_at,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  }))
export type KayleDelivery = z.output<typeof kayleDeliverySchema>

/** A delivery as an event lists it (fewer fields than the deliveries list). */
export const kayleEventDeliverySchema = z.object(eventDeliveryShape).transform(eventDeliveryView)
export type KayleEventDelivery = z.output<typeof kayleEventDeliverySchema>

export const kayleEventSchema = z
  .object({
    id: kayleId,
    type: z.string(),
    trigger_type: z.string(),
    trigger_id: z.string(),
    created_at: z.string(),
    deliveries: z.array(kayleEventDeliverySchema),
  })
  .transform(({ trigger_type, trigger_id, created_at, ...rest }) => ({
    ...rest,
    triggerType: trigger_type,
    triggerId: trigger_id,
    createdAt: created_at,
  }))
export type KayleEvent = z.output<typeof kayleEventSchema>

/** `{ data: <item>, error: null }` -> the item. */
const answer = <T extends z.ZodType>(item: T) =>
  z
    .object({ data: item, error: z.null().optional() })
    .transform((a) => (a as { data: unknown }).data as z.output<T>)

export const endpointAnswerSchema = answer(kayleEndpointSchema)
export const keyAnswerSchema = answer(kayleKeySchema)
export const deliveryAnswerSchema = answer(kayleDeliverySchema)
export const eventAnswerSchema = answer(kayleEventSchema)

export const createdEndpointSchema = answer(
  z
    .object({ endpoint: kayleEndpointSchema, signing_secret: z.string().min(1) })
    .transform((d) => ({ endpoint: d.endpoint, signingSecret: d.signing_secret })),
)

/** Reveal and rotate both answer `{ endpoint_id, signing_secret }`. */
export const signingSecretSchema = answer(
  z
    .object({ endpoint_id: z.string(), signing_secret: z.string().min(1) })
    .transform((d) => d.signing_secret),
)

/** Delete answers `{ data: { message, status: "success" } }`. */
export const deletedSchema = answer(z.object({ message: z.string(), status: z.literal('success') }))

export const paginationSchema = z
  .object({ limit: z.number(), has_more: z.boolean(), next_cursor: nullableString })
  .transform((p) => ({ limit: p.limit, hasMore: p.has_more, nextCursor: p.next_cursor }))

export interface KaylePage<T> {
  items: T[]
  hasMore: boolean
  nextCursor: string | null
}

const pageSchema = <T extends z.ZodType>(item: T) =>
  z
    .object({ data: z.array(item), error: z.null().optional(), pagination: paginationSchema })
    .transform((p): KaylePage<z.output<T>> => ({
      items: p.data as z.output<T>[],
      hasMore: p.pagination.hasMore,
      nextCursor: p.pagination.nextCursor,
    }))

export const endpointPageSchema = pageSchema(kayleEndpointSchema)
export const keyPageSchema = pageSchema(kayleKeySchema)
export const deliveryPageSchema = pageSchema(kayleDeliverySchema)
export const eventPageSchema = pageSchema(kayleEventSchema)

export interface KayleErrorBody {
  code: string | null
  message: string | null
  hint: string | null
  docs: string | null
}

/** Kayle's error envelope `{ data: null, error: { code, message, hint, docs } }`, whatever else the body holds. */
export function errorOf(body: unknown): KayleErrorBody {
  const none: KayleErrorBody = { code: null, message: null, hint: null, docs: null }
  if (typeof body === 'string') return { ...none, message: body.trim().slice(0, 500) || null }
  if (!isRecord(body)) return none
  const error = isRecord(body.error) ? body.error : body
  const text = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 500) : null)
  return {
    code: text(error.code),
    message: text(error.message) ?? (typeof body.error === 'string' ? text(body.error) : null),
    hint: text(error.hint),
    docs: text(error.docs),
  }
}
