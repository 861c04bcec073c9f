import 'server-only'
import { timingSafeEqual } from 'node:crypto'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import { deliveryJson, listKayleDeliveries, retryKayleDelivery, sendKayleTestEvent, type TestDeliveryResult } from './deliver'
import { createBody, firstProblem, keyBody, publicJwkProblem, testBody, updateBody } from './rules'
import {
  deactivateKey,
  deleteEndpoint,
  endpointJson,
  getEndpoint,
  insertEndpoint,
  insertKey,
  kayleSandboxApiKey,
  keyJson,
  listEndpoints,
  rotateSigningSecret,
  signingSecretOf,
  updateEndpoint,
} from './store'

// The built-in Kayle API: every documented call served from the database, in Kayle's envelopes.

const ok = (data: unknown, status = 200) => Response.json({ data, error: null }, { status })
const fail = (status: number, code: string, message: string, headers?: Record<string, string>) =>
  Response.json({ data: null, error: { code, message } }, { status, headers })
const notFound = (what: string, id: string) => fail(404, 'not_found', `${what} ${id} not found`)

type Run = (ctx: { req: Request; db: Db; params: string[] }) => Promise<Response>
interface Route {
  pattern: string[]
  method: string
  run: Run
}

/** The body parsed by `schema`, or the 400 to answer (an empty body counts as `{}`). */
async function parseBody<T>(req: Request, schema: z.ZodType<T>): Promise<T | Response> {
  const text = await req.text()
  let value: unknown = {}
  if (text.trim()) {
    try {
      value = JSON.parse(text)
    } catch {
      return fail(400, 'invalid_request', 'the body must be a JSON object')
    }
  }
  const result = schema.safeParse(value)
  return result.success ? result.data : fail(400, 'invalid_request', firstProblem(result.error))
}

/** `limit` between 1 and 100 (default 20) and a numeric cursor, or the 400 to answer. */
function paging(url: URL): { limit: number; cursor?: number } | Response {
  const limitText = url.searchParams.get('limit')
  const limit = limitText === null || limitText === '' ? 20 : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(400, 'invalid_request', 'limit must be an integer from 1 to 100')
  const cursorText = url.searchParams.get('cursor')
  if (cursorText === null || cursorText === '') return { limit }
  if (!/^\d{1,15}$/.test(cursorText)) return fail(400, 'invalid_request', 'cursor is not one this API returned')
  return { limit, cursor: Number(cursorText) }
}

const page = (items: unknown[], hasMore: boolean, cursor: number | undefined) =>
  ok({ data: items, has_more: hasMore, next_cursor: hasMore && cursor !== undefined ? String(cursor) : null })

const deliveryAnswer = (result: TestDeliveryResult) =>
  result.ok ? ok({ delivery: deliveryJson(result.delivery) }) : fail(result.status, result.code, result.message)

const routes: Route[] = [
  {
    pattern: ['endpoints'],
    method: 'GET',
    run: async ({ req, db }) => {
      const paged = paging(new URL(req.url))
      if (paged instanceof Response) return paged
      const { rows, hasMore } = await listEndpoints(db, paged.limit, paged.cursor)
      return page(rows.map(endpointJson), hasMore, rows.at(-1)?.seq)
    },
  },
  {
    pattern: ['endpoints'],
    method: 'POST',
    run: async ({ req, db }) => {
      const body = await parseBody(req, createBody)
      if (body instanceof Response) return body
      const { row, signingSecret } = await insertEndpoint(db, {
        url: body.url,
        name: body.name,
        labels: body.labels,
        enabled: body.enabled,
        subscribedEventTypes: body.subscribed_event_types,
        retentionHours: body.undelivered_payload_retention_hours,
      })
      return ok({ endpoint: endpointJson(row), signing_secret: signingSecret }, 201)
    },
  },
  {
    pattern: ['endpoints', ':id'],
    method: 'GET',
    run: async ({ db, params: [id] }) => {
      const row = await getEndpoint(db, id!)
      return row ? ok({ endpoint: endpointJson(row) }) : notFound('endpoint', id!)
    },
  },
  {
    pattern: ['endpoints', ':id'],
    method: 'PATCH',
    run: async ({ req, db, params: [id] }) => {
      const current = await getEndpoint(db, id!)
      if (!current) return notFound('endpoint', id!)
      const patch = await parseBody(req, updateBody)
      if (patch instanceof Response) return patch
      const row = await updateEndpoint(db, current, {
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.labels !== undefined ? { labels: patch.labels } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.subscribed_event_types !== undefined ? { subscribedEventTypes: patch.subscribed_event_types } : {}),
        ...(patch.undelivered_payload_retention_hours !== undefined ? { retentionHours: patch.undelivered_payload_retention_hours } : {}),
      })
      return row ? ok({ endpoint: endpointJson(row) }) : notFound('endpoint', id!)
    },
  },
  {
    pattern: ['endpoints', ':id'],
    method: 'DELETE',
    run: async ({ db, params: [id] }) => ((await deleteEndpoint(db, id!)) ? ok({ id, deleted: true }) : notFound('endpoint', id!)),
  },
  {
    pattern: ['endpoints', ':id', 'signing-secret', 'reveal'],
    method: 'POST',
    run: async ({ db, params: [id] }) => {
      const row = await getEndpoint(db, id!)
      return row ? ok({ signing_secret: signingSecretOf(row) }) : notFound('endpoint', id!)
    },
  },
  {
    pattern: ['endpoints', ':id', 'signing-secret', 'rotate'],
    method: 'POST',
    run: async ({ db, params: [id] }) => {
      if (!(await getEndpoint(db, id!))) return notFound('endpoint', id!)
      return ok({ signing_secret: await rotateSigningSecret(db, id!) })
    },
  },
  {
    pattern: ['endpoints', ':id', 'keys'],
    method: 'POST',
    run: async ({ req, db, params: [id] }) => {
      if (!(await getEndpoint(db, id!))) return notFound('endpoint', id!)
      const body = await parseBody(req, keyBody)
      if (body instanceof Response) return body
      const problem = await publicJwkProblem(body.public_jwk)
      if (problem) return fail(400, 'invalid_request', problem)
      const row = await insertKey(db, { keyId: body.key_id, endpointId: id!, publicJwk: body.public_jwk as JsonWebKey })
      return row ? ok({ key: keyJson(row) }, 201) : fail(409, 'key_exists', `a key with key_id ${body.key_id} already exists`)
    },
  },
  {
    pattern: ['endpoints', ':id', 'test'],
    method: 'POST',
    run: async ({ req, db, params: [id] }) => {
      const body = await parseBody(req, testBody)
      if (body instanceof Response) return body
      return deliveryAnswer(await sendKayleTestEvent(db, id!, body.event_type))
    },
  },
  {
    pattern: ['keys', ':id', 'deactivate'],
    method: 'POST',
    run: async ({ db, params: [keyId] }) => {
      const row = await deactivateKey(db, keyId!)
      return row ? ok({ key: keyJson(row) }) : notFound('key', keyId!)
    },
  },
  {
    pattern: ['deliveries'],
    method: 'GET',
    run: async ({ req, db }) => {
      const url = new URL(req.url)
      const paged = paging(url)
      if (paged instanceof Response) return paged
      const status = url.searchParams.get('status') || undefined
      if (status && !['pending', 'succeeded', 'failed'].includes(status)) {
        return fail(400, 'invalid_request', 'status must be one of pending, succeeded, failed')
      }
      const { rows, hasMore } = await listKayleDeliveries(db, {
        status,
        endpointId: url.searchParams.get('endpoint_id') || undefined,
        eventId: url.searchParams.get('event_id') || undefined,
        limit: paged.limit,
        before: paged.cursor,
      })
      return page(rows.map(deliveryJson), hasMore, rows.at(-1)?.seq)
    },
  },
  {
    pattern: ['deliveries', ':id', 'retry'],
    method: 'POST',
    run: async ({ db, params: [id] }) => deliveryAnswer(await retryKayleDelivery(db, id!)),
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
 * after the sandbox's base path, e.g. ['v1', 'webhooks', 'endpoints', 'we_1'].
 */
export async function handleKayleSandboxRequest(req: Request, db: Db, segments = kayleSandboxPath(req.url)): Promise<Response> {
  if (segments[0] !== 'v1' || segments[1] !== 'webhooks') return fail(404, 'not_found', `unknown path /${segments.join('/')}`)
  const rest = segments.slice(2)
  const candidates = routes.flatMap((route) => {
    const params = match(route.pattern, rest)
    return params ? [{ route, params }] : []
  })
  if (candidates.length === 0) return fail(404, 'not_found', `unknown path /${segments.join('/')}`)
  const chosen = candidates.find((c) => c.route.method === req.method)
  if (!chosen) {
    const allow = candidates.map((c) => c.route.method).join(', ')
    return fail(405, 'method_not_allowed', `/${segments.join('/')} accepts ${allow}`, { allow })
  }
  if (!(await authorized(req, db))) return fail(401, 'unauthorized', 'missing or invalid API key; send Authorization: Bearer <key>')
  return chosen.route.run({ req, db, params: chosen.params })
}
