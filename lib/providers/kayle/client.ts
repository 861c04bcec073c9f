import 'server-only'
import { createJsonTransport, type ProviderClientOptions } from '../json-transport'
import type { KayleRetentionHours } from './event-catalog'
import { kayleErrorFor, malformedError, networkError, timeoutError } from './errors'
import {
  createdEndpointSchema,
  deliveryAnswerSchema,
  deliveryPageSchema,
  endpointAnswerSchema,
  endpointPageSchema,
  errorOf,
  eventAnswerSchema,
  eventPageSchema,
  keyAnswerSchema,
  keyPageSchema,
  signingSecretSchema,
  type KayleDelivery,
  type KayleDeliveryStatus,
  type KayleEndpoint,
  type KayleEvent,
  type KayleKey,
  type KaylePage,
} from './schemas'
import { KAYLE_EVENT_TYPE_NAMES, type KayleEventTypeName } from './event-catalog'

/** Kayle's documented production API (docs: README, every curl example). */
export const KAYLE_DEFAULT_BASE_URL = 'https://api.kayle.id'

export type KayleClientOptions = ProviderClientOptions

export interface KayleEndpointInput {
  url: string
  name?: string
  labels?: string[]
  enabled?: boolean
  /** An empty list means every event type: the client then sends all four names (see endpointBody). */
  subscribedEventTypes?: string[]
  undeliveredPayloadRetentionHours?: KayleRetentionHours
}

/** A page request: `limit` 1..100 (Kayle's default is 10), `startingAfter` the previous page's `nextCursor`. */
export interface KaylePageRequest {
  limit?: number
  startingAfter?: string
}

export interface KayleDeliveryFilter extends KaylePageRequest {
  status?: KayleDeliveryStatus
  endpointId?: string
  eventId?: string
}

export interface KayleEventFilter extends KaylePageRequest {
  type?: KayleEventTypeName
  /** ISO 8601 date-times. */
  createdFrom?: string
  createdTo?: string
}

export interface KayleKeyInput {
  /** The caller's key id; Kayle puts it in the JWE `kid` header. */
  keyId: string
  /** The RSA public JWK (`kty: "RSA"`, `n`, `e`, and optionally `alg`, `use`, `kid`). */
  jwk: JsonWebKey
}

export interface KayleClient {
  listEndpoints(
    opts?: KaylePageRequest & { enabled?: boolean },
  ): Promise<{ endpoints: KayleEndpoint[]; hasMore: boolean; nextCursor: string | null }>
  /** Every endpoint, following `starting_after` cursors (at most MAX_PAGES pages). */
  listAllEndpoints(): Promise<KayleEndpoint[]>
  getEndpoint(id: string): Promise<KayleEndpoint>
  createEndpoint(
    input: KayleEndpointInput,
  ): Promise<{ endpoint: KayleEndpoint; signingSecret: string }>
  updateEndpoint(id: string, patch: Partial<KayleEndpointInput>): Promise<KayleEndpoint>
  deleteEndpoint(id: string): Promise<void>
  revealSigningSecret(id: string): Promise<string>
  rotateSigningSecret(id: string): Promise<string>
  /** Registers an RSA-OAEP-256 key; Kayle creates it active. */
  registerKey(endpointId: string, input: KayleKeyInput): Promise<KayleKey>
  listKeys(
    endpointId: string,
    opts?: KaylePageRequest & { isActive?: boolean },
  ): Promise<KaylePage<KayleKey>>
  /** Every key of an endpoint, following cursors. */
  listAllKeys(endpointId: string): Promise<KayleKey[]>
  /** Takes Kayle's key id (`whk_...`, KayleKey.id), not the caller's `key_id`. */
  deactivateKey(kayleKeyId: string): Promise<KayleKey>
  /** Takes Kayle's key id (`whk_...`, KayleKey.id). */
  reactivateKey(kayleKeyId: string): Promise<KayleKey>
  listDeliveries(filter?: KayleDeliveryFilter): Promise<KayleDelivery[]>
  listDeliveryPage(filter?: KayleDeliveryFilter): Promise<KaylePage<KayleDelivery>>
  /** Requeues a failed delivery; 409 (KayleError kind `conflict`) when Kayle no longer keeps its payload. */
  retryDelivery(id: string): Promise<KayleDelivery>
  listEvents(filter?: KayleEventFilter): Promise<KaylePage<KayleEvent>>
  getEvent(id: string): Promise<KayleEvent>
  /** Requeues the event's deliveries that still have a payload (202); 409 when none has. */
  replayEvent(id: string): Promise<KayleEvent>
}

export const MAX_PAGES = 50
/** Kayle's largest page (`limit` maximum 100). */
export const PAGE_SIZE = 100

/**
 * The endpoint fields in Kayle's snake_case, only those given. Kayle's document does not say what
 * an empty `subscribed_event_types` means, so "every event type" is sent as the full list of the
 * documented types: that subscribes to all four whatever Kayle makes of an empty list.
 */
export function endpointBody(input: Partial<KayleEndpointInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.url !== undefined) body.url = input.url
  if (input.name !== undefined) body.name = input.name
  if (input.labels !== undefined) body.labels = input.labels
  if (input.enabled !== undefined) body.enabled = input.enabled
  if (input.subscribedEventTypes !== undefined)
    body.subscribed_event_types = input.subscribedEventTypes.length
      ? input.subscribedEventTypes
      : [...KAYLE_EVENT_TYPE_NAMES]
  if (input.undeliveredPayloadRetentionHours !== undefined)
    body.undelivered_payload_retention_hours = input.undeliveredPayloadRetentionHours
  return body
}

/** The documented key registration body: `{ key_id, algorithm, key_type, jwk }`, all required. */
export function keyBody(input: KayleKeyInput): Record<string, unknown> {
  // Only the public members: a private JWK member (d, p, q, ...) must never leave this server.
  const { kty, n, e, alg, use, kid, key_ops } = input.jwk as JsonWebKey & { kid?: string }
  const jwk: Record<string, unknown> = { kty, n, e }
  if (alg !== undefined) jwk.alg = alg
  if (use !== undefined) jwk.use = use
  if (kid !== undefined) jwk.kid = kid
  if (key_ops !== undefined) jwk.key_ops = key_ops
  return { key_id: input.keyId, algorithm: 'RSA-OAEP-256', key_type: 'RSA', jwk }
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}

const id = (value: string) => encodeURIComponent(value)

export function createKayleClient(options: KayleClientOptions): KayleClient {
  const { apiKey, ...rest } = options
  const call = createJsonTransport({
    ...rest,
    headers: { authorization: `Bearer ${apiKey}` },
    errors: {
      timeout: timeoutError,
      network: networkError,
      malformed: malformedError,
      forStatus: (status, body, retryAfter) => {
        const kayle = errorOf(body)
        // Kayle could echo the bearer token back in an error; never pass it on.
        for (const field of ['message', 'hint'] as const) {
          if (kayle[field]?.includes(apiKey))
            kayle[field] = kayle[field]!.split(apiKey).join('[redacted]')
        }
        return kayleErrorFor(status, kayle, retryAfter)
      },
    },
  })

  const listEndpoints: KayleClient['listEndpoints'] = async (opts = {}) => {
    const path = `/v1/webhooks/endpoints${query({ enabled: opts.enabled, limit: opts.limit, starting_after: opts.startingAfter })}`
    const page = await call('GET', path, endpointPageSchema)
    return { endpoints: page.items, hasMore: page.hasMore, nextCursor: page.nextCursor }
  }
  const listKeys: KayleClient['listKeys'] = (endpointId, opts = {}) =>
    call(
      'GET',
      `/v1/webhooks/endpoints/${id(endpointId)}/keys${query({ is_active: opts.isActive, limit: opts.limit, starting_after: opts.startingAfter })}`,
      keyPageSchema,
    )
  const listDeliveryPage: KayleClient['listDeliveryPage'] = (filter = {}) =>
    call(
      'GET',
      `/v1/webhooks/deliveries${query({ status: filter.status, endpoint_id: filter.endpointId, event_id: filter.eventId, limit: filter.limit, starting_after: filter.startingAfter })}`,
      deliveryPageSchema,
    )

  /** Follows `next_cursor` as `starting_after` until `has_more` is false (or the cursor repeats). */
  async function all<T>(
    fetchPage: (startingAfter: string | undefined) => Promise<KaylePage<T>>,
  ): Promise<T[]> {
    const items: T[] = []
    let cursor: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items: pageItems, hasMore, nextCursor } = await fetchPage(cursor)
      items.push(...pageItems)
      if (!hasMore || !nextCursor || nextCursor === cursor) break
      cursor = nextCursor
    }
    return items
  }

  return {
    listEndpoints,
    listAllEndpoints: () =>
      all(async (startingAfter) => {
        const { endpoints, hasMore, nextCursor } = await listEndpoints({
          limit: PAGE_SIZE,
          startingAfter,
        })
        return { items: endpoints, hasMore, nextCursor }
      }),
    getEndpoint: (endpointId) =>
      call('GET', `/v1/webhooks/endpoints/${id(endpointId)}`, endpointAnswerSchema),
    createEndpoint: (input) =>
      call('POST', '/v1/webhooks/endpoints', createdEndpointSchema, endpointBody(input)),
    updateEndpoint: (endpointId, patch) =>
      call(
        'PATCH',
        `/v1/webhooks/endpoints/${id(endpointId)}`,
        endpointAnswerSchema,
        endpointBody(patch),
      ),
    deleteEndpoint: async (endpointId) => {
      // The document answers 200 with a message; errors.mdx lists 204 for deletes: either is success.
      await call('DELETE', `/v1/webhooks/endpoints/${id(endpointId)}`, null)
    },
    // These POSTs take no body in the document, so none is sent.
    revealSigningSecret: (endpointId) =>
      call(
        'POST',
        `/v1/webhooks/endpoints/${id(endpointId)}/signing-secret/reveal`,
        signingSecretSchema,
      ),
    rotateSigningSecret: (endpointId) =>
      call(
        'POST',
        `/v1/webhooks/endpoints/${id(endpointId)}/signing-secret/rotate`,
        signingSecretSchema,
      ),
    registerKey: (endpointId, input) =>
      call(
        'POST',
        `/v1/webhooks/endpoints/${id(endpointId)}/keys`,
        keyAnswerSchema,
        keyBody(input),
      ),
    listKeys,
    listAllKeys: (endpointId) =>
      all((startingAfter) => listKeys(endpointId, { limit: PAGE_SIZE, startingAfter })),
    deactivateKey: (kayleKeyId) =>
      call('POST', `/v1/webhooks/keys/${id(kayleKeyId)}/deactivate`, keyAnswerSchema),
    reactivateKey: (kayleKeyId) =>
      call('POST', `/v1/webhooks/keys/${id(kayleKeyId)}/reactivate`, keyAnswerSchema),
    listDeliveries: async (filter = {}) => (await listDeliveryPage(filter)).items,
    listDeliveryPage,
    retryDelivery: (deliveryId) =>
      call('POST', `/v1/webhooks/deliveries/${id(deliveryId)}/retry`, deliveryAnswerSchema),
    listEvents: (filter = {}) =>
      call(
        'GET',
        `/v1/webhooks/events${query({ type: filter.type, created_from: filter.createdFrom, created_to: filter.createdTo, limit: filter.limit, starting_after: filter.startingAfter })}`,
        eventPageSchema,
      ),
    getEvent: (eventId) => call('GET', `/v1/webhooks/events/${id(eventId)}`, eventAnswerSchema),
    replayEvent: (eventId) =>
      call('POST', `/v1/webhooks/events/${id(eventId)}/replay`, eventAnswerSchema),
  }
}
