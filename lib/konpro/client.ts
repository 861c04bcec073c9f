import 'server-only'
import type { z } from 'zod'
import { KonproError, konproErrorFor, type KeySource, malformedError, networkError, timeoutError } from './errors'
import {
  endpointAnswerSchema,
  endpointListSchema,
  errorMessageOf,
  eventTypeListSchema,
  type KonproEndpoint,
  type KonproEventType,
} from './schemas'

export interface KonproClientOptions {
  baseUrl: string
  apiKey: string
  timeoutMs?: number
  /** Extra attempts for the two GET calls; mutations are never retried automatically. */
  retries?: number
  /** First backoff step; doubles each attempt. */
  backoffMs?: number
  /** Longest `Retry-After` honoured before giving up and reporting it. */
  maxRetryAfterMs?: number
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

const RETRYABLE = new Set([429, 502, 503, 504])

export function createKonproClient(options: KonproClientOptions): KonproClient {
  const { apiKey, timeoutMs = 10_000, retries = 2, backoffMs = 300, maxRetryAfterMs = 10_000, keySource = 'env' } = options
  const base = options.baseUrl.replace(/\/+$/, '')
  const host = new URL(base).host

  async function once(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; text: string }> {
    let res: Response
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'x-api-key': apiKey,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        cache: 'no-store',
      })
      return { status: res.status, headers: res.headers, text: await res.text() }
    } catch (error) {
      const name = (error as Error).name
      if (name === 'TimeoutError' || name === 'AbortError') throw timeoutError(Math.round(timeoutMs / 1000))
      throw networkError(host)
    }
  }

  async function call<S extends z.ZodType>(method: string, path: string, schema: S | null, body?: unknown): Promise<z.output<S>> {
    const attempts = method === 'GET' ? retries + 1 : 1
    for (let attempt = 1; ; attempt++) {
      let answer: Awaited<ReturnType<typeof once>>
      try {
        answer = await once(method, path, body)
      } catch (error) {
        if (attempt < attempts && error instanceof KonproError && error.kind !== 'timeout') {
          await sleep(backoffMs * 2 ** (attempt - 1))
          continue
        }
        throw error
      }
      const parsed = parseJson(answer.text)
      if (answer.status >= 200 && answer.status < 300) {
        if (!schema) return undefined as z.output<S>
        const result = schema.safeParse(parsed.ok ? parsed.value : undefined)
        if (!result.success) throw malformedError()
        return result.data
      }
      const retryAfter = retryAfterSeconds(answer.headers.get('retry-after'))
      if (attempt < attempts && RETRYABLE.has(answer.status)) {
        const wait = retryAfter !== undefined ? retryAfter * 1000 : backoffMs * 2 ** (attempt - 1)
        if (wait <= maxRetryAfterMs) {
          await sleep(wait)
          continue
        }
      }
      throw konproErrorFor(answer.status, errorMessageOf(parsed.ok ? parsed.value : answer.text), retryAfter, keySource)
    }
  }

  return {
    addEndpoint: ({ url, events, entityId }) =>
      call('POST', '/v1/webhook/endpoint.add', endpointAnswerSchema, { url, events, ...(entityId ? { entity_id: entityId } : {}) }),
    listEndpoints: () => call('GET', '/v1/webhook/endpoint.list', endpointListSchema),
    updateEndpoint: ({ endpointId, url, events }) =>
      call('PATCH', '/v1/webhook/endpoint.update', endpointAnswerSchema, {
        endpoint_id: endpointId,
        ...(url !== undefined ? { url } : {}),
        ...(events !== undefined ? { events } : {}),
      }),
    deleteEndpoint: async (endpointId) => {
      await call('DELETE', `/v1/webhook/endpoint.delete?endpoint_id=${encodeURIComponent(endpointId)}`, null)
    },
    listEventTypes: () => call('GET', '/v1/webhook/webhook.list', eventTypeListSchema),
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text.trim()) return { ok: true, value: null }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
