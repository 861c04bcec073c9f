'use server'
// Endpoint mutations, the explicit secret reveal and sandbox test deliveries.

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { failed, invalid, ok, type ActionResult } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { authorize } from '@/lib/auth/current'
import { getDb } from '@/lib/db'
import { getKonpro } from '@/lib/konpro'
import { revealSecret } from '@/lib/konpro/endpoints'
import { isSandbox } from '@/lib/konpro/mode'
import { toPublicEndpoint, type PublicEndpoint } from '@/lib/konpro/public-endpoint'
import { sendTestEvent, type DeliveryResult } from '@/lib/konpro/sandbox/deliver'
import { endpointFormSchema, endpointIdSchema, endpointUpdateSchema } from '@/lib/validations/endpoint'

export async function createEndpointAction(input: unknown): Promise<ActionResult<PublicEndpoint>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = endpointFormSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const { url, events, entityId } = parsed.data
    const created = await (await getKonpro()).addEndpoint({ url, events, entityId: entityId || undefined })
    await recordAudit(await getDb(), auth.actor, 'endpoint.created', created.endpoint_id, { url: created.url, events: created.events })
    revalidatePath('/endpoints')
    return ok(toPublicEndpoint(created))
  } catch (error) {
    return failed(error)
  }
}

export async function updateEndpointAction(input: unknown): Promise<ActionResult<PublicEndpoint>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = endpointUpdateSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const updated = await (await getKonpro()).updateEndpoint(parsed.data)
    const { endpointId, ...fields } = parsed.data
    await recordAudit(await getDb(), auth.actor, 'endpoint.updated', endpointId, { fields: Object.keys(fields), ...fields })
    revalidatePath('/endpoints')
    return ok(toPublicEndpoint(updated))
  } catch (error) {
    return failed(error)
  }
}

export async function deleteEndpointAction(endpointId: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = endpointIdSchema.safeParse(endpointId)
  if (!parsed.success) return invalid(parsed.error)
  try {
    await (await getKonpro()).deleteEndpoint(parsed.data)
    await recordAudit(await getDb(), auth.actor, 'endpoint.deleted', parsed.data)
    revalidatePath('/endpoints')
    return ok(undefined)
  } catch (error) {
    return failed(error)
  }
}

/** The one place a webhook secret leaves the server: asked for explicitly, one endpoint at a time. */
export async function revealSecretAction(endpointId: unknown): Promise<ActionResult<{ secret: string }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = endpointIdSchema.safeParse(endpointId)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const secret = await revealSecret(parsed.data)
    if (secret === null) return { ok: false, formError: 'This endpoint no longer exists in KonPro. Refresh the list.', kind: 'not_found' }
    await recordAudit(await getDb(), auth.actor, 'endpoint.secret_revealed', parsed.data)
    return ok({ secret })
  } catch (error) {
    return failed(error)
  }
}

const testEventSchema = z.string().trim().min(1, 'Pick an event type.').max(200)

export async function sendTestEventAction(eventType: unknown): Promise<ActionResult<DeliveryResult[]>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = testEventSchema.safeParse(eventType)
  if (!parsed.success) return invalid(parsed.error)
  if (!(await isSandbox())) return { ok: false, formError: 'Test events come from the sandbox; with a real API key KonPro sends the events.' }
  const db = await getDb()
  const results = await sendTestEvent(db, parsed.data)
  await recordAudit(db, auth.actor, 'event.test_sent', parsed.data, { deliveries: results.length })
  return ok(results)
}
