import 'server-only'
import { timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../db/client'
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

const eventsField = z.array(z.string().min(1)).nullish()
const addBody = z.object({ url: z.string(), events: eventsField, entity_id: z.string().nullish() })
const updateBody = z.object({
  endpoint_id: z.string().min(1),
  url: z.string().optional(),
  events: eventsField,
})

const routes: Record<string, { method: string; run: (req: Request, db: Db) => Promise<Response> }> =
  {
    'endpoint.add': {
      method: 'POST',
      run: async (req, db) => {
        const body = addBody.safeParse(await readJson(req))
        if (!body.success)
          return error(400, 'body must be JSON with a string url and an optional events array')
        const problem = sandboxUrlProblem(body.data.url) ?? (await optionsCheck(db, body.data.url))
        if (problem) return error(400, problem)
        const row = await insertSandboxEndpoint(db, {
          url: body.data.url,
          events: body.data.events ?? null,
          entityId: body.data.entity_id,
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
        const body = updateBody.safeParse(await readJson(req))
        if (!body.success)
          return error(400, 'body must be JSON with endpoint_id and the fields to change')
        const current = await getSandboxEndpoint(db, body.data.endpoint_id)
        if (!current) return error(404, `endpoint ${body.data.endpoint_id} not found`)
        const { url, events } = body.data
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

async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json()
  } catch {
    return undefined
  }
}
