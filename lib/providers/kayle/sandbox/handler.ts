import 'server-only'
import { timingSafeEqual } from 'node:crypto'
import type { Db } from '../../../db/client'
import { checkKayleRequest } from '../openapi/validate'
import {
  deliveryJson,
  eventJson,
  listKayleDeliveries,
  listKayleEvents,
  replayKayleEvent,
  retryKayleDelivery,
  sendKayleTestEvent,
  type TestDeliveryResult,
} from './deliver'
import { isKayleEventType } from '../event-catalog'
import { publicJwkProblem, urlProblem } from './rules'
import {
  deleteEndpoint,
  endpointJson,
  endpointSeq,
  getEndpoint,
  insertEndpoint,
  insertKey,
  kayleSandboxApiKey,
  keyJson,
  listEndpoints,
  listKeys,
  rotateSigningSecret,
  setKeyActive,
  signingSecretOf,
  updateEndpoint,
} from './store'

// The built-in Kayle API, built from Kayle's documentation: every request is checked against
// Kayle's OpenAPI document (lib/providers/kayle/openapi) first, so a missing or unknown field is refused
// with 400 as Kayle refuses it; answers have the document's shapes, lists its `pagination`.

const DOCS = 'https://kayle.id/docs/api/errors'
type Body = Record<string, unknown>

const ok = (data: unknown, status = 200) => Response.json({ data, error: null }, { status })
const fail = (
  status: number,
  code: string,
  message: string,
  hint: string,
  extra: Body = {},
  headers?: Record<string, string>,
) =>
  Response.json(
    { data: null, error: { code, message, hint, docs: DOCS }, ...extra },
    { status, headers },
  )
const notFound = (what: string, id: string) =>
  fail(404, 'NOT_FOUND', `${what} ${id} not found.`, 'Check the ID; it may have been deleted.')
const badRequest = (message: string, hint = 'Fix the request to match the API reference.') =>
  fail(400, 'BAD_REQUEST', message, hint)
const EMPTY_PAGE = { pagination: { limit: 10, has_more: false, next_cursor: null } }

/** The answer to a `starting_after` that names nothing on the list. */
const unknownCursor = (after: string) =>
  fail(
    400,
    'INVALID_REQUEST',
    `starting_after cursor ${after} does not exist.`,
    'Use next_cursor from the previous page.',
    EMPTY_PAGE,
  )

type Run = (ctx: {
  req: Request
  db: Db
  params: string[]
  body: Body
  query: URLSearchParams
}) => Promise<Response>
interface Route {
  pattern: string[]
  method: string
  run: Run
  /** Not in Kayle's document: the sandbox's own test-event call. */
  sandboxOnly?: boolean
}

const limitOf = (query: URLSearchParams) => Number(query.get('limit') ?? 10)

/** A page of `items` after the item whose id is `starting_after`, in the documented envelope. */
function pageOf<T extends { id: string }>(items: T[], query: URLSearchParams): Response {
  const limit = limitOf(query)
  const after = query.get('starting_after')
  let start = 0
  if (after) {
    const index = items.findIndex((i) => i.id === after)
    if (index < 0) return unknownCursor(after)
    start = index + 1
  }
  const slice = items.slice(start, start + limit)
  const hasMore = start + limit < items.length
  return Response.json({
    data: slice,
    error: null,
    pagination: { limit, has_more: hasMore, next_cursor: hasMore ? slice.at(-1)!.id : null },
  })
}

const bool = (value: string | null) => (value === null ? undefined : value === 'true')

const deliveryAnswer = async (db: Db, result: TestDeliveryResult) =>
  result.ok
    ? ok(await deliveryJson(db, result.delivery))
    : fail(result.status, result.code, result.message, result.hint ?? 'See the deliveries guide.')

const urlRefused = (problem: string) =>
  fail(
    400,
    'WEBHOOK_URL_REJECTED',
    problem,
    'Use an https:// URL (http:// only for localhost while developing).',
  )

const routes: Route[] = [
  {
    pattern: ['endpoints'],
    method: 'GET',
    run: async ({ db, query }) => {
      const limit = limitOf(query)
      const after = query.get('starting_after')
      let seq: number | undefined
      if (after) {
        seq = await endpointSeq(db, after)
        if (seq === undefined) return unknownCursor(after)
      }
      const { rows, hasMore } = await listEndpoints(db, limit, seq, bool(query.get('enabled')))
      return Response.json({
        data: rows.map(endpointJson),
        error: null,
        pagination: {
          limit,
          has_more: hasMore,
          next_cursor: hasMore ? (rows.at(-1)?.id ?? null) : null,
        },
      })
    },
  },
  {
    pattern: ['endpoints'],
    method: 'POST',
    run: async ({ db, body }) => {
      const problem = urlProblem(String(body.url))
      if (problem) return urlRefused(problem)
      const { row, signingSecret } = await insertEndpoint(db, {
        url: String(body.url),
        name: body.name as string | undefined,
        labels: body.labels as string[] | undefined,
        enabled: body.enabled as boolean | undefined,
        subscribedEventTypes: body.subscribed_event_types as string[] | undefined,
        retentionHours: body.undelivered_payload_retention_hours as number | undefined,
      })
      return ok({ endpoint: endpointJson(row), signing_secret: signingSecret })
    },
  },
  {
    pattern: ['endpoints', ':id'],
    method: 'GET',
    run: async ({ db, params: [id] }) => {
      const row = await getEndpoint(db, id!)
      return row ? ok(endpointJson(row)) : notFound('Webhook endpoint', id!)
    },
  },
  {
    pattern: ['endpoints', ':id'],
    method: 'PATCH',
    run: async ({ db, body, params: [id] }) => {
      const current = await getEndpoint(db, id!)
      if (!current) return notFound('Webhook endpoint', id!)
      if (body.url !== undefined) {
        const problem = urlProblem(String(body.url))
        if (problem) return urlRefused(problem)
      }
      const row = await updateEndpoint(db, current, {
        ...(body.url !== undefined ? { url: String(body.url) } : {}),
        ...(body.name !== undefined ? { name: body.name as string | null } : {}),
        ...(body.labels !== undefined ? { labels: body.labels as string[] } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled as boolean } : {}),
        ...(body.subscribed_event_types !== undefined
          ? { subscribedEventTypes: body.subscribed_event_types as string[] }
          : {}),
        ...(body.undelivered_payload_retention_hours !== undefined
          ? { retentionHours: body.undelivered_payload_retention_hours as number }
          : {}),
      })
      return row ? ok(endpointJson(row)) : notFound('Webhook endpoint', id!)
    },
  },
  {
    pattern: ['endpoints', ':id'],
    method: 'DELETE',
    run: async ({ db, params: [id] }) =>
      (await deleteEndpoint(db, id!))
        ? ok({ message: 'Webhook endpoint deleted.', status: 'success' })
        : notFound('Webhook endpoint', id!),
  },
  {
    pattern: ['endpoints', ':id', 'signing-secret', 'reveal'],
    method: 'POST',
    run: async ({ db, params: [id] }) => {
      const row = await getEndpoint(db, id!)
      return row
        ? ok({ endpoint_id: row.id, signing_secret: signingSecretOf(row) })
        : notFound('Webhook endpoint', id!)
    },
  },
  {
    pattern: ['endpoints', ':id', 'signing-secret', 'rotate'],
    method: 'POST',
    run: async ({ db, params: [id] }) => {
      if (!(await getEndpoint(db, id!))) return notFound('Webhook endpoint', id!)
      return ok({ endpoint_id: id, signing_secret: await rotateSigningSecret(db, id!) })
    },
  },
  {
    pattern: ['endpoints', ':id', 'keys'],
    method: 'GET',
    run: async ({ db, query, params: [id] }) => {
      if (!(await getEndpoint(db, id!))) return notFound('Webhook endpoint', id!)
      return pageOf((await listKeys(db, id!, bool(query.get('is_active')))).map(keyJson), query)
    },
  },
  {
    pattern: ['endpoints', ':id', 'keys'],
    method: 'POST',
    run: async ({ db, body, params: [id] }) => {
      if (!(await getEndpoint(db, id!))) return notFound('Webhook endpoint', id!)
      const jwk = body.jwk as Record<string, unknown>
      const problem = await publicJwkProblem(jwk)
      if (problem)
        return badRequest(problem, 'Send the public half of a 2048-bit or larger RSA key as a JWK.')
      // encryption.mdx: a new key is created with is_active: true and used at once. Earlier keys
      // are left as they are; the caller deactivates them.
      const row = await insertKey(db, {
        keyId: String(body.key_id),
        endpointId: id!,
        publicJwk: jwk as JsonWebKey,
      })
      return row
        ? ok(keyJson(row))
        : fail(
            409,
            'CONFLICT',
            `A key with key_id ${String(body.key_id)} already exists.`,
            'Choose a new key_id for each key.',
          )
    },
  },
  {
    pattern: ['endpoints', ':id', 'test'],
    method: 'POST',
    sandboxOnly: true,
    run: async ({ db, body, params: [id] }) => {
      const type = body.event_type
      if (type !== undefined && (typeof type !== 'string' || !isKayleEventType(type)))
        return badRequest('event_type is not a Kayle event type.')
      return deliveryAnswer(
        db,
        await sendKayleTestEvent(db, id!, type as Parameters<typeof sendKayleTestEvent>[2]),
      )
    },
  },
  {
    pattern: ['keys', ':id', 'deactivate'],
    method: 'POST',
    run: async ({ db, params: [keyId] }) => {
      const row = await setKeyActive(db, keyId!, false)
      return row ? ok(keyJson(row)) : notFound('Webhook encryption key', keyId!)
    },
  },
  {
    pattern: ['keys', ':id', 'reactivate'],
    method: 'POST',
    run: async ({ db, params: [keyId] }) => {
      const row = await setKeyActive(db, keyId!, true)
      return row ? ok(keyJson(row)) : notFound('Webhook encryption key', keyId!)
    },
  },
  {
    pattern: ['deliveries'],
    method: 'GET',
    run: async ({ db, query }) => {
      const { rows } = await listKayleDeliveries(db, {
        status: query.get('status') || undefined,
        endpointId: query.get('endpoint_id') || undefined,
        eventId: query.get('event_id') || undefined,
        limit: 10_000,
      })
      return pageOf(await Promise.all(rows.map((row) => deliveryJson(db, row))), query)
    },
  },
  {
    pattern: ['deliveries', ':id', 'retry'],
    method: 'POST',
    run: async ({ db, params: [id] }) => deliveryAnswer(db, await retryKayleDelivery(db, id!)),
  },
  {
    pattern: ['events'],
    method: 'GET',
    run: async ({ db, query }) => {
      const from = query.get('created_from')
      const to = query.get('created_to')
      const events = (await listKayleEvents(db, query.get('type') || undefined)).filter((rows) => {
        const at = rows[0]!.createdAt.getTime()
        return (!from || at >= Date.parse(from)) && (!to || at <= Date.parse(to))
      })
      return pageOf(await Promise.all(events.map((rows) => eventJson(db, rows))), query)
    },
  },
  {
    pattern: ['events', ':id'],
    method: 'GET',
    run: async ({ db, params: [id] }) => {
      const rows = (await listKayleEvents(db)).find((e) => e[0]!.eventId === id)
      return rows ? ok(await eventJson(db, rows)) : notFound('Webhook event', id!)
    },
  },
  {
    pattern: ['events', ':id', 'replay'],
    method: 'POST',
    run: async ({ db, params: [id] }) => {
      const result = await replayKayleEvent(db, id!)
      if (!result.ok)
        return fail(
          result.status,
          result.code,
          result.message,
          result.hint ?? 'See the deliveries guide.',
        )
      const rows = (await listKayleEvents(db)).find((e) => e[0]!.eventId === id)!
      return ok(await eventJson(db, rows), 202)
    },
  },
]

/** The `:params` of a pattern when `segments` match it, else null. */
function match(pattern: string[], segments: string[]): string[] | null {
  if (pattern.length !== segments.length) return null
  const params: string[] = []
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i]!.startsWith(':')) params.push(segments[i]!)
    else if (pattern[i] !== segments[i]) return null
  }
  return params
}

async function authorized(req: Request, db: Db): Promise<boolean> {
  const header = req.headers.get('authorization') ?? ''
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '')
  const expected = Buffer.from(await kayleSandboxApiKey(db))
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The decoded path segments after `/v1/` in a request URL, starting with 'v1'. */
export function kayleSandboxPath(url: string): string[] {
  const pathname = new URL(url).pathname
  const start = pathname.indexOf('/v1/')
  if (start < 0) return []
  return pathname
    .slice(start + 1)
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s)
      } catch {
        return s
      }
    })
}

/**
 * Serves one Kayle API call from the sandbox's database state. `segments` is the decoded path
 * after the sandbox's base path, e.g. ['v1', 'webhooks', 'endpoints', 'whe_1'].
 */
export async function handleKayleSandboxRequest(
  req: Request,
  db: Db,
  segments = kayleSandboxPath(req.url),
): Promise<Response> {
  if (segments[0] !== 'v1' || segments[1] !== 'webhooks')
    return fail(
      404,
      'NOT_FOUND',
      `Unknown path /${segments.join('/')}.`,
      'Kayle serves /v1/webhooks/...',
    )
  const rest = segments.slice(2)
  const candidates = routes.flatMap((route) => {
    const params = match(route.pattern, rest)
    return params ? [{ route, params }] : []
  })
  if (candidates.length === 0)
    return fail(
      404,
      'NOT_FOUND',
      `Unknown path /${segments.join('/')}.`,
      'Check the path against the API reference.',
    )
  const chosen = candidates.find((c) => c.route.method === req.method)
  if (!chosen) {
    const allow = candidates.map((c) => c.route.method).join(', ')
    return fail(
      405,
      'METHOD_NOT_ALLOWED',
      `/${segments.join('/')} accepts ${allow}.`,
      `Use ${allow}.`,
      {},
      { allow },
    )
  }
  if (!(await authorized(req, db)))
    return fail(
      401,
      'UNAUTHORIZED',
      'Missing or invalid API key.',
      'Send Authorization: Bearer <API key>.',
    )
  const text = await req.text()
  let body: unknown
  if (text.trim()) {
    try {
      body = JSON.parse(text)
    } catch {
      return badRequest('The body is not valid JSON.')
    }
  }
  const query = new URL(req.url).searchParams
  if (!chosen.route.sandboxOnly) {
    const check = checkKayleRequest(
      req.method,
      `/${segments.map(encodeURIComponent).join('/')}`,
      query,
      body,
    )
    if (check.problems.length) return badRequest(`Invalid request: ${check.problems.join('; ')}.`)
  }
  const object = body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {}
  return chosen.route.run({ req, db, params: chosen.params, body: object, query })
}
