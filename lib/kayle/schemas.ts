import { z } from 'zod'

// Kayle answers `{ data, error }` envelopes. Lists and single objects have appeared in more than
// one shape (`data.endpoint` or the endpoint itself, the list under `data.data`, `data.endpoints`
// or `data` as an array), so each reader accepts every one of them.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value)

/** The `data` of a `{ data, error }` envelope; other bodies are returned unchanged. */
export function unwrapEnvelope(body: unknown): unknown {
  if (isRecord(body) && 'data' in body && Object.keys(body).every((k) => ['data', 'error'].includes(k))) return body.data
  return body
}

/** `data.<key>` when present (`{ endpoint: {...} }`), else `data` itself. */
const inner = (key: string) => (body: unknown) => {
  const data = unwrapEnvelope(body)
  return isRecord(data) && isRecord(data[key]) ? data[key] : data
}

/** Unix seconds, milliseconds or an ISO string -> ISO string ('' when unreadable). */
function normalizeDate(value: string | number): string {
  const date =
    typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(/^\d+$/.test(value) ? Number(value) * 1000 : value)
  return Number.isNaN(date.getTime()) ? '' : date.toISOString()
}
const date = z.union([z.string(), z.number()]).transform(normalizeDate)
const optionalDate = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? null : normalizeDate(v) || null))
const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? [])

export const kayleEndpointSchema = z
  .object({
    id: z.string().min(1),
    organization_id: z.string().nullish(),
    name: z.string().nullish(),
    labels: strings,
    url: z.string(),
    enabled: z.boolean().nullish(),
    subscribed_event_types: strings,
    created_at: date.nullish(),
    updated_at: date.nullish(),
    disabled_at: optionalDate,
    undelivered_payload_retention_hours: z.number().nullish(),
  })
  .transform((e) => ({
    id: e.id,
    organizationId: e.organization_id ?? '',
    name: e.name || null,
    labels: e.labels,
    url: e.url,
    enabled: e.enabled ?? true,
    subscribedEventTypes: e.subscribed_event_types,
    createdAt: e.created_at ?? '',
    updatedAt: e.updated_at ?? e.created_at ?? '',
    disabledAt: e.disabled_at,
    undeliveredPayloadRetentionHours: e.undelivered_payload_retention_hours ?? 72,
  }))
export type KayleEndpoint = z.output<typeof kayleEndpointSchema>

export const kayleKeySchema = z
  .object({
    key_id: z.string().min(1),
    endpoint_id: z.string().nullish(),
    status: z.string().nullish(),
    created_at: date.nullish(),
  })
  .transform((k) => ({
    keyId: k.key_id,
    endpointId: k.endpoint_id ?? '',
    status: k.status === 'active' ? ('active' as const) : ('inactive' as const),
    createdAt: k.created_at ?? '',
  }))
export type KayleKey = z.output<typeof kayleKeySchema>

export type KayleDeliveryStatus = 'pending' | 'succeeded' | 'failed'

export const kayleDeliverySchema = z
  .object({
    id: z.string().min(1),
    endpoint_id: z.string().nullish(),
    event_id: z.string().nullish(),
    event_type: z.string().nullish(),
    // Kept as sent: a status Kayle adds later should show, not break the page.
    status: z.string(),
    attempts: z.number().int().nullish(),
    last_status_code: z.number().int().nullish(),
    next_attempt_at: optionalDate,
    created_at: date.nullish(),
    updated_at: date.nullish(),
  })
  .transform((d) => ({
    id: d.id,
    endpointId: d.endpoint_id ?? '',
    eventId: d.event_id ?? '',
    eventType: d.event_type ?? '',
    status: d.status as KayleDeliveryStatus | (string & {}),
    attempts: d.attempts ?? 0,
    lastStatusCode: d.last_status_code ?? null,
    nextAttemptAt: d.next_attempt_at,
    createdAt: d.created_at ?? '',
    updatedAt: d.updated_at ?? d.created_at ?? '',
  }))
export type KayleDelivery = z.output<typeof kayleDeliverySchema>

export const endpointAnswerSchema = z.preprocess(inner('endpoint'), kayleEndpointSchema)
export const keyAnswerSchema = z.preprocess(inner('key'), kayleKeySchema)
export const deliveryAnswerSchema = z.preprocess(inner('delivery'), kayleDeliverySchema)

export const createdEndpointSchema = z.preprocess(
  unwrapEnvelope,
  z.object({ endpoint: kayleEndpointSchema, signing_secret: z.string().min(1) }).transform((d) => ({ endpoint: d.endpoint, signingSecret: d.signing_secret })),
)

export const signingSecretSchema = z.preprocess(
  unwrapEnvelope,
  z.object({ signing_secret: z.string().min(1) }).transform((d) => d.signing_secret),
)

/**
 * A page of a list: the items under `data.data`, `data.<key>` or `data` as an array, with
 * `has_more`/`next_cursor` beside the items or at the top of the body.
 */
function pageOf(key: string) {
  return (body: unknown) => {
    const outer = isRecord(body) ? body : {}
    const data = isRecord(body) && 'data' in body ? body.data : body
    const holder = isRecord(data) ? data : outer
    const items = Array.isArray(data) ? data : isRecord(data) ? (Array.isArray(data.data) ? data.data : data[key]) : undefined
    return {
      items,
      has_more: holder.has_more ?? outer.has_more ?? false,
      next_cursor: holder.next_cursor ?? outer.next_cursor ?? null,
    }
  }
}

const pageSchema = <T extends z.ZodType>(key: string, item: T) =>
  z.preprocess(
    pageOf(key),
    z
      .object({ items: z.array(item), has_more: z.boolean().nullish(), next_cursor: z.string().nullish() })
      .transform((p) => ({ items: p.items, hasMore: !!p.has_more, nextCursor: p.next_cursor || null })),
  )

export const endpointPageSchema = pageSchema('endpoints', kayleEndpointSchema)
export const deliveryPageSchema = pageSchema('deliveries', kayleDeliverySchema)

/** Kayle's `{ error: { code, message } }`, whatever else the body holds. */
export function errorOf(body: unknown): { message: string | null; code: string | null } {
  if (typeof body === 'string') return { message: body.trim().slice(0, 500) || null, code: null }
  if (!isRecord(body)) return { message: null, code: null }
  const error = isRecord(body.error) ? body.error : body
  const text = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 500) : null)
  return {
    message: text(error.message) ?? text(error.detail) ?? (typeof body.error === 'string' ? text(body.error) : null),
    code: text(error.code),
  }
}
