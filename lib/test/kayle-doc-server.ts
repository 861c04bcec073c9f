import { createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CompactEncrypt, importJWK, type JWK } from 'jose'
import { checkKayleRequest, checkKayleResponse } from '../providers/kayle/openapi/validate'
import { eventDeliveryOf } from '../providers/kayle/schemas'

// A Kayle that follows Kayle's documentation and nothing else: the routes of
// openapi-webhooks.json served from memory, every request checked against that document (a
// departure is refused with 400 in Kayle's error envelope, and recorded), every answer checked
// against the document's response schema, deliveries signed as verifying-signatures.mdx says and
// encrypted as encryption.mdx says. It shares no code with the console's own Kayle sandbox, so a
// test against it shows what the real Kayle would do with the console's calls.

type Json = Record<string, unknown>

export interface DocServerRequest {
  method: string
  path: string
  query: string
  body: unknown
  /** The document's departures found in this request; empty when it was valid. */
  problems: string[]
}

interface Endpoint {
  id: string
  organization_id: string
  name: string | null
  labels: string[]
  url: string
  enabled: boolean
  subscribed_event_types: string[]
  undelivered_payload_retention_hours: number
  created_at: string
  updated_at: string
  disabled_at: string | null
  secret: string
}

interface Key {
  id: string
  webhook_endpoint_id: string
  key_id: string
  algorithm: string
  key_type: string
  jwk: Json
  is_active: boolean
  created_at: string
  updated_at: string
  disabled_at: string | null
}

interface Delivery {
  id: string
  event_id: string
  webhook_endpoint_id: string
  webhook_encryption_key_id: string | null
  status: 'pending' | 'delivering' | 'succeeded' | 'failed'
  attempt_count: number
  next_attempt_at: string | null
  payload_expires_at: string | null
  payload_scrubbed_at: string | null
  payload_retention_reason: string | null
  last_status_code: number | null
  last_attempt_at: string | null
  created_at: string
  updated_at: string
  /** The event body to encrypt; dropped when Kayle would scrub it. */
  payload: unknown
}

interface Event {
  id: string
  type: string
  trigger_type: 'verification_session' | 'verification_attempt'
  trigger_id: string
  created_at: string
}

export interface KayleDocServerOptions {
  apiKey: string
  port?: number
  host?: string
  /** Where deliveries may go: the document requires https, this test server also allows http to loopback. */
  allowHttpLoopback?: boolean
}

const DOCS = 'https://kayle.id/docs/api/errors'
const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`
const now = () => new Date().toISOString()

function envelopeError(code: string, message: string, hint: string) {
  return { data: null, error: { code, message, hint, docs: DOCS } }
}

/** Starts the documented Kayle on 127.0.0.1 (a free port unless `port` is given). */
export async function startKayleDocServer(options: KayleDocServerOptions) {
  const endpoints = new Map<string, Endpoint>()
  const keys = new Map<string, Key>()
  const deliveries = new Map<string, Delivery>()
  const events = new Map<string, Event>()
  const requests: DocServerRequest[] = []
  const organizationId = newId('org')

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the secret is left out of answers
  const publicEndpoint = ({ secret, ...e }: Endpoint) => e
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the payload is left out of answers
  const publicDelivery = ({ payload, ...d }: Delivery) => d
  const eventJson = (e: Event) => ({
    ...e,
    deliveries: [...deliveries.values()].filter((d) => d.event_id === e.id).map(eventDeliveryOf),
  })

  /** Cursor pagination as documented: `starting_after` is the last id of the previous page. */
  function page<T extends { id: string }>(
    items: T[],
    search: URLSearchParams,
  ): { items: T[]; pagination: Json } | null {
    const limit = Number(search.get('limit') ?? 10)
    const after = search.get('starting_after')
    let start = 0
    if (after) {
      const index = items.findIndex((i) => i.id === after)
      if (index < 0) return null
      start = index + 1
    }
    const slice = items.slice(start, start + limit)
    const hasMore = start + limit < items.length
    return {
      items: slice,
      pagination: { limit, has_more: hasMore, next_cursor: hasMore ? slice.at(-1)!.id : null },
    }
  }

  const retained = (d: Delivery) =>
    d.payload !== undefined &&
    !d.payload_scrubbed_at &&
    (!d.payload_expires_at || Date.parse(d.payload_expires_at) > Date.now())

  /** One attempt: signs the JWE as verifying-signatures.mdx says and POSTs it with application/jose. */
  async function attempt(d: Delivery): Promise<void> {
    const endpoint = endpoints.get(d.webhook_endpoint_id)
    const event = events.get(d.event_id)
    if (!endpoint || !event) return
    // encryption.mdx: a new key "is used immediately for new deliveries", and registering one does
    // not deactivate the previous (the caller does that). With two active keys the guide calls the
    // pick undefined; the newest is the one a rotation means.
    const key = [...keys.values()]
      .reverse()
      .find((k) => k.webhook_endpoint_id === endpoint.id && k.is_active)
    const stamp = now()
    d.attempt_count += 1
    d.last_attempt_at = stamp
    d.updated_at = stamp
    if (!key) {
      // encryption.mdx: no active key -> failed, no retained payload.
      Object.assign(d, {
        status: 'failed',
        payload: undefined,
        payload_scrubbed_at: stamp,
        payload_retention_reason: 'no_active_key',
        payload_expires_at: null,
      })
      return
    }
    d.webhook_encryption_key_id = key.id
    const publicKey = await importJWK(key.jwk as JWK, 'RSA-OAEP-256')
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(d.payload)))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: key.key_id })
      .encrypt(publicKey)
    const t = Math.floor(Date.now() / 1000)
    const v1 = createHmac('sha256', endpoint.secret).update(`${t}.${jwe}`).digest('hex')
    let status: number | null = null
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/jose',
          'x-kayle-signature': `t=${t},v1=${v1}`,
          'x-kayle-delivery-id': d.id,
          'x-kayle-event': event.type,
        },
        body: jwe,
        signal: AbortSignal.timeout(10_000),
      })
      status = res.status
      await res.arrayBuffer()
    } catch {
      status = null
    }
    d.last_status_code = status
    if (status !== null && status >= 200 && status < 300) {
      // deliveries.mdx: scrubbed immediately after the first 2xx.
      Object.assign(d, {
        status: 'succeeded',
        payload: undefined,
        payload_scrubbed_at: now(),
        payload_retention_reason: 'delivered',
        payload_expires_at: null,
      })
    } else {
      // The automatic schedule is not replayed here: one attempt, then the terminal failure state.
      const hours = endpoint.undelivered_payload_retention_hours
      if (hours === 0)
        Object.assign(d, {
          status: 'failed',
          payload: undefined,
          payload_scrubbed_at: now(),
          payload_retention_reason: 'expired',
          payload_expires_at: null,
        })
      else
        Object.assign(d, {
          status: 'failed',
          payload_retention_reason: 'terminal_failure_retention',
          payload_expires_at: new Date(Date.now() + hours * 3600_000).toISOString(),
        })
    }
  }

  /** Fires an event: one delivery per enabled endpoint subscribed to its type, each attempted once. */
  async function emit(
    type: string,
    payload: unknown = {},
    triggerId = newId('vs'),
  ): Promise<{ event: Json; deliveries: Json[] }> {
    const event: Event = {
      id: newId('evt'),
      type,
      trigger_type: 'verification_session',
      trigger_id: triggerId,
      created_at: now(),
    }
    events.set(event.id, event)
    // The payload guides: `metadata.event_id` is the event's id (the same on retries and replays).
    if (payload && typeof payload === 'object' && 'metadata' in payload) {
      const metadata = (payload as { metadata?: unknown }).metadata
      payload = {
        ...payload,
        metadata: {
          ...(metadata && typeof metadata === 'object' ? metadata : {}),
          event_id: event.id,
        },
      }
    }
    const made: Delivery[] = []
    for (const endpoint of endpoints.values()) {
      if (!endpoint.enabled || !endpoint.subscribed_event_types.includes(type)) continue
      const stamp = now()
      const d: Delivery = {
        id: newId('whd'),
        event_id: event.id,
        webhook_endpoint_id: endpoint.id,
        webhook_encryption_key_id: null,
        status: 'pending',
        attempt_count: 0,
        next_attempt_at: null,
        payload_expires_at: null,
        payload_scrubbed_at: null,
        payload_retention_reason: 'pending_delivery',
        last_status_code: null,
        last_attempt_at: null,
        created_at: stamp,
        updated_at: stamp,
        payload,
      }
      deliveries.set(d.id, d)
      made.push(d)
      await attempt(d)
    }
    return { event: eventJson(event), deliveries: made.map(publicDelivery) }
  }

  async function route(
    method: string,
    path: string,
    search: URLSearchParams,
    body: unknown,
    params: Record<string, string>,
  ): Promise<[number, unknown]> {
    /** Kayle's 400 for a URL it does not deliver to, or null. */
    const urlRejection = (value: string) => {
      const problem = urlProblem(value, options.allowHttpLoopback ?? true)
      if (!problem) return null
      const hint = 'Use an https:// URL that is not a private address.'
      return [400, envelopeError('WEBHOOK_URL_REJECTED', problem, hint)] as [number, unknown]
    }
    const notFound = (what: string) =>
      [404, envelopeError('NOT_FOUND', `${what} not found.`, 'Check the ID and try again.')] as [
        number,
        unknown,
      ]
    const endpointOf = (id: string | undefined) => (id ? endpoints.get(id) : undefined)
    const b = (body ?? {}) as Json
    const list = <T extends { id: string }>(
      items: T[],
      map: (t: T) => unknown = (t) => t,
    ): [number, unknown] => {
      const p = page(items, search)
      if (!p)
        return [
          400,
          {
            ...envelopeError(
              'INVALID_REQUEST',
              'starting_after cursor does not exist.',
              'Use next_cursor from the previous page.',
            ),
            pagination: { limit: 10, has_more: false, next_cursor: null },
          },
        ]
      return [200, { data: p.items.map(map), error: null, pagination: p.pagination }]
    }
    const key = `${method} ${path}`
    if (key === 'GET /v1/webhooks/endpoints') {
      const enabled = search.get('enabled')
      return list(
        [...endpoints.values()].filter((e) => enabled === null || String(e.enabled) === enabled),
        publicEndpoint,
      )
    }
    if (key === 'POST /v1/webhooks/endpoints') {
      const url = String(b.url)
      const rejected = urlRejection(url)
      if (rejected) return rejected
      const stamp = now()
      const enabled = b.enabled === undefined ? true : Boolean(b.enabled)
      const e: Endpoint = {
        id: newId('whe'),
        organization_id: organizationId,
        name: (b.name as string | undefined) ?? null,
        labels: (b.labels as string[] | undefined) ?? [],
        url,
        enabled,
        subscribed_event_types: (b.subscribed_event_types as string[] | undefined) ?? [],
        undelivered_payload_retention_hours:
          (b.undelivered_payload_retention_hours as number | undefined) ?? 72,
        created_at: stamp,
        updated_at: stamp,
        disabled_at: enabled ? null : stamp,
        secret: `whsec_${randomBytes(24).toString('hex')}`,
      }
      endpoints.set(e.id, e)
      return [200, { data: { endpoint: publicEndpoint(e), signing_secret: e.secret }, error: null }]
    }
    if (path.startsWith('/v1/webhooks/endpoints/') && params.endpoint_id) {
      const e = endpointOf(params.endpoint_id)
      if (!e) return notFound('Webhook endpoint')
      const tail =
        path.slice(`/v1/webhooks/endpoints/${encodeURIComponent(params.endpoint_id)}`.length) ||
        path.slice(`/v1/webhooks/endpoints/${params.endpoint_id}`.length)
      if (method === 'GET' && tail === '') return [200, { data: publicEndpoint(e), error: null }]
      if (method === 'PATCH' && tail === '') {
        if (b.url !== undefined) {
          const rejected = urlRejection(String(b.url))
          if (rejected) return rejected
        }
        for (const field of [
          'name',
          'labels',
          'url',
          'subscribed_event_types',
          'undelivered_payload_retention_hours',
        ] as const) {
          if (b[field] !== undefined) (e as unknown as Json)[field] = b[field]
        }
        if (b.enabled !== undefined && b.enabled !== e.enabled) {
          e.enabled = Boolean(b.enabled)
          e.disabled_at = e.enabled ? null : now()
        }
        e.updated_at = now()
        return [200, { data: publicEndpoint(e), error: null }]
      }
      if (method === 'DELETE' && tail === '') {
        endpoints.delete(e.id)
        for (const k of [...keys.values()]) if (k.webhook_endpoint_id === e.id) keys.delete(k.id)
        return [
          200,
          { data: { message: 'Webhook endpoint deleted.', status: 'success' }, error: null },
        ]
      }
      if (tail === '/signing-secret/reveal')
        return [200, { data: { endpoint_id: e.id, signing_secret: e.secret }, error: null }]
      if (tail === '/signing-secret/rotate') {
        e.secret = `whsec_${randomBytes(24).toString('hex')}`
        return [200, { data: { endpoint_id: e.id, signing_secret: e.secret }, error: null }]
      }
      if (tail === '/keys' && method === 'GET') {
        const active = search.get('is_active')
        return list(
          [...keys.values()].filter(
            (k) =>
              k.webhook_endpoint_id === e.id && (active === null || String(k.is_active) === active),
          ),
        )
      }
      if (tail === '/keys' && method === 'POST') {
        const jwk = b.jwk as Json
        if ('d' in jwk)
          return [
            400,
            envelopeError(
              'BAD_REQUEST',
              'jwk must be a public key.',
              'Send only the public members of the JWK.',
            ),
          ]
        try {
          await importJWK({ ...jwk, alg: 'RSA-OAEP-256' } as JWK, 'RSA-OAEP-256')
        } catch {
          return [
            400,
            envelopeError(
              'BAD_REQUEST',
              'jwk is not a usable RSA public key.',
              'Send an RSA public JWK with n and e.',
            ),
          ]
        }
        const stamp = now()
        // encryption.mdx: a new key is created with is_active: true.
        const k: Key = {
          id: newId('whk'),
          webhook_endpoint_id: e.id,
          key_id: String(b.key_id),
          algorithm: String(b.algorithm),
          key_type: String(b.key_type),
          jwk,
          is_active: true,
          created_at: stamp,
          updated_at: stamp,
          disabled_at: null,
        }
        keys.set(k.id, k)
        return [200, { data: k, error: null }]
      }
    }
    if (params.key_id && (path.endsWith('/deactivate') || path.endsWith('/reactivate'))) {
      const k = keys.get(params.key_id)
      if (!k) return notFound('Webhook encryption key')
      const active = path.endsWith('/reactivate')
      Object.assign(k, { is_active: active, disabled_at: active ? null : now(), updated_at: now() })
      return [200, { data: k, error: null }]
    }
    if (key === 'GET /v1/webhooks/deliveries') {
      const rows = newestMatching(deliveries.values(), search, {
        status: (d, status) => d.status === status,
        endpoint_id: (d, endpointId) => d.webhook_endpoint_id === endpointId,
        event_id: (d, eventId) => d.event_id === eventId,
      })
      return list(rows, publicDelivery)
    }
    if (params.delivery_id) {
      const d = deliveries.get(params.delivery_id)
      if (!d) return notFound('Webhook delivery')
      if (!retained(d))
        return [
          409,
          envelopeError(
            'WEBHOOK_PAYLOAD_EXPIRED',
            'The webhook payload is no longer retained.',
            'Deliveries can only be retried while their encrypted payload is retained.',
          ),
        ]
      Object.assign(d, {
        status: 'pending',
        payload_retention_reason: 'pending_delivery',
        updated_at: now(),
      })
      const answer = publicDelivery(d)
      void attempt(d)
      return [200, { data: answer, error: null }]
    }
    if (key === 'GET /v1/webhooks/events') {
      const rows = newestMatching(events.values(), search, {
        type: (e, type) => e.type === type,
        created_from: (e, from) => e.created_at >= new Date(from).toISOString(),
        created_to: (e, to) => e.created_at <= new Date(to).toISOString(),
      })
      return list(rows, eventJson)
    }
    if (params.event_id) {
      const event = events.get(params.event_id)
      if (!event) return notFound('Webhook event')
      if (method === 'GET') return [200, { data: eventJson(event), error: null }]
      const replayable = [...deliveries.values()].filter(
        (d) => d.event_id === event.id && retained(d),
      )
      if (replayable.length === 0)
        return [
          409,
          envelopeError(
            'WEBHOOK_PAYLOAD_EXPIRED',
            'No delivery of this event still has its payload.',
            'Events can only be replayed while an encrypted payload is retained.',
          ),
        ]
      for (const d of replayable)
        Object.assign(d, {
          status: 'pending',
          payload_retention_reason: 'pending_delivery',
          updated_at: now(),
        })
      const answer = eventJson(event)
      for (const d of replayable) void attempt(d)
      return [202, { data: answer, error: null }]
    }
    return [404, envelopeError('NOT_FOUND', 'Route not found.', 'Check the path.')]
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://local')
    const method = req.method ?? 'GET'
    let body: unknown
    let problems: string[] = []
    if (raw.length) {
      try {
        body = JSON.parse(raw)
      } catch {
        problems = ['the body is not JSON']
      }
    }
    const check = checkKayleRequest(method, url.pathname, url.searchParams, body)
    problems.push(...check.problems)
    if (body !== undefined && !/^application\/json\b/.test(req.headers['content-type'] ?? ''))
      problems.push('Content-Type must be application/json')
    requests.push({ method, path: url.pathname, query: url.search, body, problems })
    const send = (status: number, answer: unknown) => {
      // One connection per call: a kept-alive socket that the server closes while the test's
      // process is busy making RSA keys would fail the next call with a reset, not a Kayle answer.
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' })
      res.end(JSON.stringify(answer))
    }
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return send(
        401,
        envelopeError('UNAUTHORIZED', 'Unauthorized.', 'Send Authorization: Bearer <API key>.'),
      )
    }
    if (!check.operation)
      return send(404, envelopeError('NOT_FOUND', 'Route not found.', problems[0] ?? ''))
    if (problems.length)
      return send(
        400,
        envelopeError(
          'BAD_REQUEST',
          `Invalid request: ${problems.join('; ')}`,
          'Fix the request to match the API reference.',
        ),
      )
    const [status, answer] = await route(method, url.pathname, url.searchParams, body, check.params)
    // The server checks itself too: an answer the document does not describe is a bug here.
    // Error statuses an operation does not list (errors.mdx applies to every call) are not checked.
    const listed = check.operation.statuses.includes(String(status))
    const departures = listed
      ? checkKayleResponse(method, check.operation.path, status, answer)
      : []
    if (departures.length)
      return send(
        500,
        envelopeError(
          'INTERNAL_SERVER_ERROR',
          'Internal server error.',
          `documented server answered off-document: ${departures.join('; ')}`,
        ),
      )
    send(status, answer)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify(
            envelopeError('INTERNAL_SERVER_ERROR', 'Internal server error.', String(error)),
          ),
        )
      })
    })
  })
  // Node's 5 s default closes idle keep-alive sockets that a busy test process may still reuse,
  // which shows up as a refused call; the console's client is not what is tested by that.
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  )
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    /** Every request received, with the document's departures found in each. */
    requests,
    emit,
    /** Marks a delivery's payload as expired (as if its retention window had passed). */
    expirePayload(deliveryId: string) {
      const d = deliveries.get(deliveryId)
      if (d)
        Object.assign(d, {
          payload_expires_at: new Date(Date.now() - 1000).toISOString(),
          payload_retention_reason: 'expired',
        })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type KayleDocServer = Awaited<ReturnType<typeof startKayleDocServer>>

/** The rows, newest first, that match every filter whose query parameter is given. */
function newestMatching<T>(
  rows: Iterable<T>,
  search: URLSearchParams,
  filters: Record<string, (row: T, value: string) => boolean>,
): T[] {
  const given = Object.entries(filters).flatMap(([name, test]) => {
    const value = search.get(name)
    return value ? [(row: T) => test(row, value)] : []
  })
  return [...rows].reverse().filter((row) => given.every((test) => test(row)))
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

function urlProblem(value: string, allowHttpLoopback: boolean): string | null {
  if (!URL.canParse(value)) return 'url is not a valid URL.'
  const { protocol, hostname } = new URL(value)
  if (protocol === 'https:') return null
  if (protocol === 'http:' && allowHttpLoopback && LOOPBACK.has(hostname)) return null
  return 'url must use https://.'
}
