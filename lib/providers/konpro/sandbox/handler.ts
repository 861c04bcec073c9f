import 'server-only'
import { timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../../db/client'
import { KONPRO_EVENT_TYPES } from '../event-catalog'
import {
  deleteSandboxEndpoint,
  getSandboxEndpoint,
  insertSandboxEndpoint,
  listSandboxEndpoints,
  sandboxApiKey,
  toKonproJson,
  updateSandboxEndpoint,
} from './store'
import { optionsCheck, sandboxUrlProblem } from './url-rules'

const error = (status: number, message: string) =>
  Response.json({ code: status, message }, { status })

/** Reads a request's JSON body with `schema`: the data, or the 400 answer saying what it must be. */
const jsonBody =
  <T>(schema: z.ZodType<T>, expected: string) =>
  async (req: Request): Promise<T | Response> => {
    const body = schema.safeParse(await req.json().catch(() => undefined))
    return body.success ? body.data : error(400, expected)
  }

const eventsField = z.array(z.string().min(1)).nullish()
const addBody = jsonBody(
  z.object({ url: z.string(), events: eventsField, entity_id: z.string().nullish() }),
  'body must be JSON with a string url and an optional events array',
)
const updateBody = jsonBody(
  z.object({ endpoint_id: z.string().min(1), url: z.string().optional(), events: eventsField }),
  'body must be JSON with endpoint_id and the fields to change',
)

const routes: Record<string, { method: string; run: (req: Request, db: Db) => Promise<Response> }> =
  {
    'endpoint.add': {
      method: 'POST',
      run: async (req, db) => {
        const body = await addBody(req)
        if (body instanceof Response) return body
        const problem = sandboxUrlProblem(body.url) ?? (await optionsCheck(db, body.url))
        if (problem) return error(400, problem)
        const row = await insertSandboxEndpoint(db, {
          url: body.url,
          events: body.events ?? null,
          entityId: body.entity_id,
        })
        return Response.json(toKonproJson(row), { status: 201 })
      },
    },
    'endpoint.list': {
      method: 'GET',
      run: async (_, db) =>
        Response.json({ data: (await listSandboxEndpoints(db)).map(toKonproJson) }),
    },
    'endpoint.update': {
      method: 'PATCH',
      run: async (req, db) => {
        const body = await updateBody(req)
        if (body instanceof Response) return body
        const current = await getSandboxEndpoint(db, body.endpoint_id)
        if (!current) return error(404, `endpoint ${body.endpoint_id} not found`)
        const { url, events } = body
        if (url !== undefined && url !== current.url) {
          const problem = sandboxUrlProblem(url) ?? (await optionsCheck(db, url))
          if (problem) return error(400, problem)
        }
        // Only provided fields change; the secret never does.
        const row = await updateSandboxEndpoint(db, current.endpointId, {
          ...(url !== undefined ? { url } : {}),
          ...(events !== undefined ? { events } : {}),
        })
        return row
          ? Response.json(toKonproJson(row))
          : error(404, `endpoint ${current.endpointId} not found`)
      },
    },
    'endpoint.delete': {
      method: 'DELETE',
      run: async (req, db) => {
        const id = new URL(req.url).searchParams.get('endpoint_id')
        if (!id) return error(400, 'endpoint_id query parameter is required')
        return (await deleteSandboxEndpoint(db, id))
          ? Response.json({ code: 100, data: null, message: null })
          : error(404, `endpoint ${id} not found`)
      },
    },
    'webhook.list': {
      method: 'GET',
      run: async () =>
        Response.json({
          data: KONPRO_EVENT_TYPES.map((e) => ({
            event_type: e.eventType,
            description: e.description,
          })),
        }),
    },
  }

/** Serves one KonPro webhook API call from the sandbox's database state, as KonPro documents it. */
export async function handleSandboxRequest(
  req: Request,
  action: string,
  db: Db,
): Promise<Response> {
  const route = routes[action]
  if (!route) return error(404, `unknown endpoint /v1/webhook/${action}`)
  if (req.method !== route.method) return error(405, `${action} expects ${route.method}`)
  const given = Buffer.from(req.headers.get('x-api-key') ?? '')
  const expected = Buffer.from(await sandboxApiKey(db))
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return error(401, 'invalid or missing x-api-key')
  return route.run(req, db)
}
