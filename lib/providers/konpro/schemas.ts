import { z } from 'zod'

// KonPro's docs are loose about shapes: accept the documented flat objects, a HeyGen-style
// envelope `{ code, data, message }`, and `events: null` (which means every event).

export const konproEndpointSchema = z.object({
  endpoint_id: z.string().min(1),
  url: z.string(),
  secret: z
    .string()
    .nullish()
    .transform((s) => s ?? ''),
  status: z
    .string()
    .nullish()
    .transform((s) => s ?? 'enabled'),
  events: z
    .array(z.string())
    .nullish()
    .transform((e) => e ?? []),
  username: z
    .string()
    .nullish()
    .transform((u) => u ?? ''),
  created_at: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null ? null : normalizeDate(v))),
  entity_id: z.string().nullish(),
})
export type KonproEndpoint = z.output<typeof konproEndpointSchema>

/** Unix seconds, milliseconds or an ISO string -> ISO string (null when unreadable). */
function normalizeDate(value: string | number): string | null {
  const date =
    typeof value === 'number'
      ? new Date(value < 1e12 ? value * 1000 : value)
      : new Date(/^\d+$/.test(value) ? Number(value) * 1000 : value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** Strips `{ code, data, message }` or `{ data }` envelopes, leaving flat answers alone. */
export function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
    const keys = Object.keys(body)
    if (keys.every((k) => ['data', 'code', 'message', 'msg', 'error', 'success'].includes(k))) {
      return (body as { data: unknown }).data
    }
  }
  return body
}

export const endpointAnswerSchema = z.preprocess(unwrap, konproEndpointSchema)

export const endpointListSchema = z.preprocess((body) => {
  const inner = unwrap(body)
  // `{ data: { endpoints: [...] } }` and `{ endpoints: [...] }` appear in the docs' field table.
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && 'endpoints' in inner) {
    return (inner as { endpoints: unknown }).endpoints
  }
  return inner
}, z.array(konproEndpointSchema))

export const eventTypeSchema = z.object({
  eventType: z.string().min(1),
  description: z.string().nullable(),
})
export type KonproEventType = z.output<typeof eventTypeSchema>

export const eventTypeListSchema = z.preprocess(
  unwrap,
  z.array(
    z.union([
      z
        .string()
        .min(1)
        .transform((eventType) => ({ eventType, description: null })),
      z
        .object({ event_type: z.string().min(1), description: z.string().nullish() })
        .transform((e) => ({ eventType: e.event_type, description: e.description ?? null })),
    ]),
  ),
)

/** The human part of a KonPro error body, whatever its shape. */
export function errorMessageOf(body: unknown): string | null {
  if (typeof body === 'string') return body.trim().slice(0, 500) || null
  if (!body || typeof body !== 'object') return null
  const record = body as Record<string, unknown>
  for (const key of ['message', 'msg', 'detail', 'error_message']) {
    if (typeof record[key] === 'string' && record[key]) return (record[key] as string).slice(0, 500)
  }
  if (record.error) return errorMessageOf(record.error)
  return null
}
