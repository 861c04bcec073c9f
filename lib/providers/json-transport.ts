import 'server-only'
import type { z } from 'zod'

/** How a provider's failures are worded; each provider names itself and its own variables. */
export interface ProviderErrors {
  timeout(seconds: number): Error
  network(host: string): Error
  malformed(): Error
  /** A non-2xx answer; `body` is the parsed JSON, or the raw text when it was not JSON. */
  forStatus(status: number, body: unknown, retryAfterSeconds: number | undefined): Error
}

export interface JsonTransportOptions {
  baseUrl: string
  headers: Record<string, string>
  errors: ProviderErrors
  timeoutMs?: number
  /** Extra attempts for GETs; mutations are never retried automatically. */
  retries?: number
  /** First backoff step; doubles each attempt. */
  backoffMs?: number
  /** Longest `Retry-After` honoured before giving up and reporting it. */
  maxRetryAfterMs?: number
}

/** What a provider's client is made with: where, which key, and the transport's limits. */
export type ProviderClientOptions = Omit<JsonTransportOptions, 'headers' | 'errors'> & {
  apiKey: string
}

const RETRYABLE = new Set([429, 502, 503, 504])
const TRANSPORT_FAILURE = Symbol('transport failure')

/**
 * JSON over HTTP for the provider clients: a timeout on every call, retries with backoff for GETs
 * only (honouring Retry-After on 429/5xx), answers parsed with zod, and every failure turned into
 * the provider's own actionable error. The underlying error may quote the request (and so the
 * key), so only the provider's wording leaves here.
 */
export function createJsonTransport(options: JsonTransportOptions) {
  const {
    errors,
    timeoutMs = 10_000,
    retries = 2,
    backoffMs = 300,
    maxRetryAfterMs = 10_000,
  } = options
  const base = options.baseUrl.replace(/\/+$/, '')
  const host = new URL(base).host

  async function once(method: string, path: string, body?: unknown) {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...options.headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        cache: 'no-store',
      })
      return { status: res.status, headers: res.headers, text: await res.text() }
    } catch (error) {
      const name = (error as Error).name
      const timedOut = name === 'TimeoutError' || name === 'AbortError'
      throw Object.assign(
        timedOut ? errors.timeout(Math.round(timeoutMs / 1000)) : errors.network(host),
        { [TRANSPORT_FAILURE]: timedOut ? 'timeout' : 'network' },
      )
    }
  }

  return async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    body?: unknown,
  ): Promise<z.output<S>> {
    const attempts = method === 'GET' ? retries + 1 : 1
    for (let attempt = 1; ; attempt++) {
      let answer: Awaited<ReturnType<typeof once>>
      try {
        answer = await once(method, path, body)
      } catch (error) {
        // A refused connection may be brief; a timeout already waited long enough.
        if (
          attempt < attempts &&
          (error as { [TRANSPORT_FAILURE]?: string })[TRANSPORT_FAILURE] === 'network'
        ) {
          await sleep(backoffMs * 2 ** (attempt - 1))
          continue
        }
        throw error
      }
      const parsed = parseJson(answer.text)
      if (answer.status >= 200 && answer.status < 300) {
        if (!schema) return undefined as z.output<S>
        const result = schema.safeParse(parsed.ok ? parsed.value : undefined)
        if (!result.success) throw errors.malformed()
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
      throw errors.forStatus(answer.status, parsed.ok ? parsed.value : answer.text, retryAfter)
    }
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
