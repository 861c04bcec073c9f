'use server'
// Endpoint mutations, the explicit secret reveal and sandbox test deliveries.

import { revalidatePath } from 'next/cache'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction } from '@/lib/auth/action'
import { getKonpro } from '@/lib/providers/konpro'
import { revealSecret } from '@/lib/providers/konpro/endpoints'
import { isSandbox } from '@/lib/providers/konpro/mode'
import { toPublicEndpoint } from '@/lib/providers/konpro/public-endpoint'
import { sendTestEvent } from '@/lib/providers/konpro/sandbox/deliver'
import { testEventSchema } from '@/lib/validations/test-event'
import {
  endpointFormSchema,
  endpointIdSchema,
  endpointUpdateSchema,
} from '@/lib/validations/endpoint'

export const createEndpointAction = adminAction(
  endpointFormSchema,
  async ({ url, events, entityId }, { actor, db }) => {
    const created = await (
      await getKonpro()
    ).addEndpoint({ url, events, entityId: entityId || undefined })
    await recordAudit(db, actor, 'endpoint.created', created.endpoint_id, {
      url: created.url,
      events: created.events,
    })
    revalidatePath('/konpro/endpoints')
    return ok(toPublicEndpoint(created))
  },
)

export const updateEndpointAction = adminAction(
  endpointUpdateSchema,
  async (input, { actor, db }) => {
    const updated = await (await getKonpro()).updateEndpoint(input)
    const { endpointId, ...fields } = input
    await recordAudit(db, actor, 'endpoint.updated', endpointId, {
      fields: Object.keys(fields),
      ...fields,
    })
    revalidatePath('/konpro/endpoints')
    return ok(toPublicEndpoint(updated))
  },
)

export const deleteEndpointAction = adminAction(
  endpointIdSchema,
  async (endpointId, { actor, db }) => {
    await (await getKonpro()).deleteEndpoint(endpointId)
    await recordAudit(db, actor, 'endpoint.deleted', endpointId)
    revalidatePath('/konpro/endpoints')
    return ok(undefined)
  },
)

/** The one place a webhook secret leaves the server: asked for explicitly, one endpoint at a time. */
export const revealSecretAction = adminAction(
  endpointIdSchema,
  async (endpointId, { actor, db }) => {
    const secret = await revealSecret(endpointId)
    if (secret === null)
      return {
        ok: false,
        formError: 'This endpoint no longer exists in KonPro. Refresh the list.',
        kind: 'not_found',
      }
    await recordAudit(db, actor, 'endpoint.secret_revealed', endpointId)
    return ok({ secret })
  },
)

export const sendTestEventAction = adminAction(
  testEventSchema,
  async ({ eventType, endpointId, payload }, { actor, db }) => {
    if (!(await isSandbox()))
      return {
        ok: false,
        formError:
          'Test events come from the sandbox; with a real API key KonPro sends the events.',
      }
    const results = await sendTestEvent(db, eventType, { endpointId, payload })
    if (endpointId && results.length === 0)
      return {
        ok: false,
        formError: 'This endpoint is disabled or no longer exists, so nothing was sent.',
      }
    await recordAudit(db, actor, 'event.test_sent', endpointId ?? eventType, {
      eventType,
      deliveries: results.length,
      ...(payload ? { customPayload: true } : {}),
    })
    return ok(results)
  },
)
