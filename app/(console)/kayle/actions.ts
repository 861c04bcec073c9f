'use server'
// Kayle endpoint mutations, signing-secret reveal and rotation, encryption keys, test events and delivery retries.

import { revalidatePath } from 'next/cache'
import { failed, invalid, ok, type ActionResult } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { authorize } from '@/lib/auth/current'
import { getDb } from '@/lib/db'
import { getKayle, isKayleSandbox } from '@/lib/kayle'
import type { KayleEndpointInput } from '@/lib/kayle/client'
import { isKayleEventType } from '@/lib/kayle/event-catalog'
import { sendKayleTestEvent } from '@/lib/kayle/sandbox/deliver'
import { createEndpointKey, deactivateEndpointKey, forgetEndpoint, storeSigningSecret } from '@/lib/kayle/vault'
import { kayleCreateSchema, kayleIdSchema, kayleUpdateSchema, type KayleEndpointFormValues } from '@/lib/validations/kayle-endpoint'

const LIST = '/kayle/endpoints'
const page = (id: string) => `${LIST}/${encodeURIComponent(id)}`

function toInput(values: Partial<KayleEndpointFormValues>): Partial<KayleEndpointInput> {
  const { url, name, labels, enabled, eventTypes, retentionHours } = values
  return {
    ...(url !== undefined ? { url } : {}),
    ...(name !== undefined ? { name: name || undefined } : {}),
    ...(labels !== undefined ? { labels } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    ...(eventTypes !== undefined ? { subscribedEventTypes: eventTypes } : {}),
    ...(retentionHours !== undefined ? { undeliveredPayloadRetentionHours: retentionHours } : {}),
  }
}

export async function createKayleEndpointAction(input: unknown): Promise<ActionResult<{ id: string; keyError?: string }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = kayleCreateSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const kayle = await getKayle()
    const db = await getDb()
    const { createKey, ...values } = parsed.data
    const { endpoint, signingSecret } = await kayle.createEndpoint(toInput(values) as KayleEndpointInput)
    // Kayle shows the secret once, at creation: keep it (sealed) so the receiver can verify at once.
    await storeSigningSecret(db, endpoint.id, signingSecret)
    await recordAudit(db, auth.actor, 'kayle.endpoint.created', endpoint.id, { url: endpoint.url, events: endpoint.subscribedEventTypes })
    let keyError: string | undefined
    if (createKey) {
      try {
        const key = await createEndpointKey(db, kayle, endpoint.id)
        await recordAudit(db, auth.actor, 'kayle.key.created', key.keyId, { endpointId: endpoint.id })
      } catch (error) {
        keyError = error instanceof Error ? error.message : 'The encryption key could not be created.'
      }
    }
    revalidatePath(LIST)
    return ok({ id: endpoint.id, ...(keyError ? { keyError } : {}) })
  } catch (error) {
    return failed(error)
  }
}

export async function updateKayleEndpointAction(input: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = kayleUpdateSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const { id, ...fields } = parsed.data
    await (await getKayle()).updateEndpoint(id, toInput(fields))
    await recordAudit(await getDb(), auth.actor, 'kayle.endpoint.updated', id, { fields: Object.keys(fields) })
    revalidatePath(LIST)
    revalidatePath(page(id))
    return ok(undefined)
  } catch (error) {
    return failed(error)
  }
}

export async function setKayleEndpointEnabledAction(id: string, enabled: boolean): Promise<ActionResult> {
  return updateKayleEndpointAction({ id, enabled })
}

export async function deleteKayleEndpointAction(input: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = kayleIdSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    await (await getKayle()).deleteEndpoint(parsed.data)
    const db = await getDb()
    await forgetEndpoint(db, parsed.data)
    await recordAudit(db, auth.actor, 'kayle.endpoint.deleted', parsed.data)
    revalidatePath(LIST)
    return ok(undefined)
  } catch (error) {
    return failed(error)
  }
}

/** The explicit reveal (or a rotation): the only way a signing secret reaches a browser. */
export async function kayleSecretAction(input: unknown, mode: 'reveal' | 'rotate'): Promise<ActionResult<{ secret: string }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = kayleIdSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const kayle = await getKayle()
    const secret = mode === 'rotate' ? await kayle.rotateSigningSecret(parsed.data) : await kayle.revealSigningSecret(parsed.data)
    const db = await getDb()
    await storeSigningSecret(db, parsed.data, secret)
    await recordAudit(db, auth.actor, mode === 'rotate' ? 'kayle.secret.rotated' : 'kayle.secret.revealed', parsed.data)
    return ok({ secret })
  } catch (error) {
    return failed(error)
  }
}

export async function createKayleKeyAction(input: unknown): Promise<ActionResult<{ keyId: string }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = kayleIdSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const db = await getDb()
    const key = await createEndpointKey(db, await getKayle(), parsed.data)
    await recordAudit(db, auth.actor, 'kayle.key.created', key.keyId, { endpointId: parsed.data })
    revalidatePath(LIST)
    revalidatePath(page(parsed.data))
    return ok({ keyId: key.keyId })
  } catch (error) {
    return failed(error)
  }
}

export async function deactivateKayleKeyAction(endpointId: string, keyId: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = kayleIdSchema.safeParse(keyId)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const db = await getDb()
    await deactivateEndpointKey(db, await getKayle(), parsed.data)
    await recordAudit(db, auth.actor, 'kayle.key.deactivated', parsed.data, { endpointId })
    revalidatePath(LIST)
    revalidatePath(page(endpointId))
    return ok(undefined)
  } catch (error) {
    return failed(error)
  }
}

/** Sandbox only: Kayle itself sends the real events. */
export async function sendKayleTestEventAction(endpointId: unknown, eventType: unknown): Promise<ActionResult<{ statusCode: number | null }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  if (!isKayleSandbox()) return { ok: false, formError: 'Test events come from the Kayle sandbox; with a real API key Kayle sends the events.' }
  const id = kayleIdSchema.safeParse(endpointId)
  if (!id.success || typeof eventType !== 'string' || !isKayleEventType(eventType)) return { ok: false, formError: 'Choose an endpoint and an event type.' }
  const db = await getDb()
  const result = await sendKayleTestEvent(db, id.data, eventType)
  if (!result.ok) return { ok: false, formError: `The sandbox sent nothing: ${result.message}.` }
  await recordAudit(db, auth.actor, 'kayle.test_event.sent', id.data, { eventType, status: result.delivery.lastStatusCode })
  revalidatePath('/kayle/deliveries')
  return ok({ statusCode: result.delivery.lastStatusCode })
}

export async function retryKayleDeliveryAction(input: unknown): Promise<ActionResult<{ status: string }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = kayleIdSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  try {
    const delivery = await (await getKayle()).retryDelivery(parsed.data)
    await recordAudit(await getDb(), auth.actor, 'kayle.delivery.retried', parsed.data)
    revalidatePath('/kayle/deliveries')
    return ok({ status: delivery.status })
  } catch (error) {
    return failed(error)
  }
}
