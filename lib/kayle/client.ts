import 'server-only'
import { createJsonTransport } from '../providers/json-transport'
import type { KayleRetentionHours } from './event-catalog'
import { kayleErrorFor, malformedError, networkError, timeoutError } from './errors'
import {
  createdEndpointSchema,
  deliveryAnswerSchema,
  deliveryPageSchema,
  endpointAnswerSchema,
  endpointPageSchema,
  errorOf,
  keyAnswerSchema,
  signingSecretSchema,
  type KayleDelivery,
  type KayleEndpoint,
  type KayleKey,
} from './schemas'

export interface KayleClientOptions {
  baseUrl: string
  apiKey: string
  timeoutMs?: number
  /** Extra attempts for GET calls; mutations are never retried automatically. */
  retries?: number
  /** First backoff step; doubles each attempt. */
  backoffMs?: number
  /** Longest `Retry-After` honoured before giving up and reporting it. */
  maxRetryAfterMs?: number
}

export interface KayleEndpointInput {
  url: string
  name?: string
  labels?: string[]
  enabled?: boolean
  subscribedEventTypes?: string[]
  undeliveredPayloadRetentionHours?: KayleRetentionHours
}

export interface KayleDeliveryFilter {
  status?: string
  endpointId?: string
  eventId?: string
  limit?: number
}

export interface KayleClient {
  listEndpoints(opts?: { limit?: number; cursor?: string }): Promise<{ endpoints: KayleEndpoint[]; hasMore: boolean; nextCursor: string | null }>
  /** Every endpoint, following cursors (at most MAX_PAGES pages). */
  listAllEndpoints(): Promise<KayleEndpoint[]>
  getEndpoint(id: string): Promise<KayleEndpoint>
  createEndpoint(input: KayleEndpointInput): Promise<{ endpoint: KayleEndpoint; signingSecret: string }>
  updateEndpoint(id: string, patch: Partial<KayleEndpointInput>): Promise<KayleEndpoint>
  deleteEndpoint(id: string): Promise<void>
  revealSigningSecret(id: string): Promise<string>
  rotateSigningSecret(id: string): Promise<string>
  registerKey(endpointId: string, input: { keyId: string; publicJwk: JsonWebKey }): Promise<KayleKey>
  deactivateKey(keyId: string): Promise<KayleKey>
  listDeliveries(filter?: KayleDeliveryFilter): Promise<KayleDelivery[]>
  retryDelivery(id: string): Promise<KayleDelivery>
}

export const MAX_PAGES = 50
const PAGE_SIZE = 100

/** The endpoint fields in Kayle's snake_case, only those given. */
function endpointBody(input: Partial<KayleEndpointInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.url !== undefined) body.url = input.url
  if (input.name !== undefined) body.name = input.name
  if (input.labels !== undefined) body.labels = input.labels
  if (input.enabled !== undefined) body.enabled = input.enabled
  if (input.subscribedEventTypes !== undefined) body.subscribed_event_types = input.subscribedEventTypes
  if (input.undeliveredPayloadRetentionHours !== undefined) body.undelivered_payload_retention_hours = input.undeliveredPayloadRetentionHours
  return body
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value))
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
        if (kayle.message?.includes(apiKey)) kayle.message = kayle.message.split(apiKey).join('[redacted]')
        return kayleErrorFor(status, kayle, retryAfter)
      },
    },
  })

  const listEndpoints: KayleClient['listEndpoints'] = async (opts = {}) => {
    const page = await call('GET', `/v1/webhooks/endpoints${query({ limit: opts.limit, cursor: opts.cursor })}`, endpointPageSchema)
    return { endpoints: page.items, hasMore: page.hasMore, nextCursor: page.nextCursor }
  }

  return {
    listEndpoints,
    async listAllEndpoints() {
      const all: KayleEndpoint[] = []
      let cursor: string | undefined
      for (let page = 0; page < MAX_PAGES; page++) {
        const { endpoints, hasMore, nextCursor } = await listEndpoints({ limit: PAGE_SIZE, cursor })
        all.push(...endpoints)
        if (!hasMore || !nextCursor || nextCursor === cursor) break
        cursor = nextCursor
      }
      return all
    },
    getEndpoint: (endpointId) => call('GET', `/v1/webhooks/endpoints/${id(endpointId)}`, endpointAnswerSchema),
    createEndpoint: (input) => call('POST', '/v1/webhooks/endpoints', createdEndpointSchema, endpointBody(input)),
    updateEndpoint: (endpointId, patch) => call('PATCH', `/v1/webhooks/endpoints/${id(endpointId)}`, endpointAnswerSchema, endpointBody(patch)),
    deleteEndpoint: async (endpointId) => {
      await call('DELETE', `/v1/webhooks/endpoints/${id(endpointId)}`, null)
    },
    revealSigningSecret: (endpointId) =>
      call('POST', `/v1/webhooks/endpoints/${id(endpointId)}/signing-secret/reveal`, signingSecretSchema, {}),
    rotateSigningSecret: (endpointId) =>
      call('POST', `/v1/webhooks/endpoints/${id(endpointId)}/signing-secret/rotate`, signingSecretSchema, {}),
    registerKey: (endpointId, input) =>
      call('POST', `/v1/webhooks/endpoints/${id(endpointId)}/keys`, keyAnswerSchema, { key_id: input.keyId, public_jwk: input.publicJwk }),
    deactivateKey: (keyId) => call('POST', `/v1/webhooks/keys/${id(keyId)}/deactivate`, keyAnswerSchema, {}),
    listDeliveries: async (filter = {}) => {
      const path = `/v1/webhooks/deliveries${query({ status: filter.status, endpoint_id: filter.endpointId, event_id: filter.eventId, limit: filter.limit })}`
      return (await call('GET', path, deliveryPageSchema)).items
    },
    retryDelivery: (deliveryId) => call('POST', `/v1/webhooks/deliveries/${id(deliveryId)}/retry`, deliveryAnswerSchema, {}),
  }
}
