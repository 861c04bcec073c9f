import 'server-only'
import { createJsonTransport, type ProviderClientOptions } from '../json-transport'
import {
  konproErrorFor,
  malformedError,
  networkError,
  timeoutError,
  type KeySource,
} from './errors'
import {
  endpointAnswerSchema,
  endpointListSchema,
  errorMessageOf,
  eventTypeListSchema,
  type KonproEndpoint,
  type KonproEventType,
} from './schemas'

export interface KonproClientOptions extends ProviderClientOptions {
  /** Where the key was set, so a rejected key's message says where to fix it. */
  keySource?: KeySource
}

export interface AddEndpointInput {
  url: string
  events: string[]
  entityId?: string
}

export interface UpdateEndpointInput {
  endpointId: string
  url?: string
  events?: string[]
}

export interface KonproClient {
  addEndpoint(input: AddEndpointInput): Promise<KonproEndpoint>
  listEndpoints(): Promise<KonproEndpoint[]>
  updateEndpoint(input: UpdateEndpointInput): Promise<KonproEndpoint>
  deleteEndpoint(endpointId: string): Promise<void>
  listEventTypes(): Promise<KonproEventType[]>
}

export function createKonproClient(options: KonproClientOptions): KonproClient {
  const { apiKey, keySource = 'env', ...rest } = options
  const call = createJsonTransport({
    ...rest,
    headers: { 'x-api-key': apiKey },
    errors: {
      timeout: timeoutError,
      network: networkError,
      malformed: malformedError,
      forStatus: (status, body, retryAfter) =>
        konproErrorFor(status, errorMessageOf(body), retryAfter, keySource),
    },
  })

  return {
    addEndpoint: ({ url, events, entityId }) =>
      call('POST', '/v1/webhook/endpoint.add', endpointAnswerSchema, {
        url,
        events,
        ...(entityId ? { entity_id: entityId } : {}),
      }),
    listEndpoints: () => call('GET', '/v1/webhook/endpoint.list', endpointListSchema),
    updateEndpoint: ({ endpointId, url, events }) =>
      call('PATCH', '/v1/webhook/endpoint.update', endpointAnswerSchema, {
        endpoint_id: endpointId,
        ...(url !== undefined ? { url } : {}),
        ...(events !== undefined ? { events } : {}),
      }),
    deleteEndpoint: async (endpointId) => {
      await call(
        'DELETE',
        `/v1/webhook/endpoint.delete?endpoint_id=${encodeURIComponent(endpointId)}`,
        null,
      )
    },
    listEventTypes: () => call('GET', '/v1/webhook/webhook.list', eventTypeListSchema),
  }
}
