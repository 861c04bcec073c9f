'use server'
// Kayle endpoint mutations, signing-secret reveal and rotation, encryption keys, test events and delivery retries.

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { ok, type ActionResult } from '@/lib/actions/result'
import type { Actor } from '@/lib/audit'
import { recordAudit } from '@/lib/audit'
import { adminAction } from '@/lib/auth/action'
import type { Db } from '@/lib/db/client'
import { getKayle, isKayleSandbox } from '@/lib/kayle'
import type { KayleEndpointInput } from '@/lib/kayle/client'
import { isKayleEventType } from '@/lib/kayle/event-catalog'
import { sendKayleTestEvent } from '@/lib/kayle/sandbox/deliver'
import { createEndpointKey, deactivateEndpointKey, forgetEndpoint, storeSigningSecret } from '@/lib/kayle/vault'
import { kayleCreateSchema, kayleIdSchema, kayleUpdateSchema, type KayleEndpointFormValues } from '@/lib/validations/kayle-endpoint'

const LIST = '/kayle/endpoints'
const page = (id: string) => `${LIST}/${encodeURIComponent(id)}`

const enabledSchema = z.object({ id: kayleIdSchema, enabled: z.boolean() })
const secretSchema = z.object({ endpointId: kayleIdSchema, mode: z.enum(['reveal', 'rotate']) })
const keySchema = z.object({ endpointId: kayleIdSchema, keyId: kayleIdSchema })
const testEventSchema = z.object({
  endpointId: kayleIdSchema,
  eventType: z.string().refine(isKayleEventType, 'Choose an event type.'),
})

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

export const createKayleEndpointAction = adminAction(kayleCreateSchema, async (input, { actor, db }) => {
  const kayle = await getKayle()
  const { createKey, ...values } = input
  const { endpoint, signingSecret } = await kayle.createEndpoint(toInput(values) as KayleEndpointInput)
  // Kayle shows the secret once, at creation: keep it (sealed) so the receiver can verify at once.
  await storeSigningSecret(db, endpoint.id, signingSecret)
  await recordAudit(db, actor, 'kayle.endpoint.created', endpoint.id, { url: endpoint.url, events: endpoint.subscribedEventTypes })
  let keyError: string | undefined
  if (createKey) {
    try {
      const key = await createEndpointKey(db, kayle, endpoint.id)
      await recordAudit(db, actor, 'kayle.key.created', key.keyId, { endpointId: endpoint.id })
    } catch (error) {
      keyError = error instanceof Error ? error.message : 'The encryption key could not be created.'
    }
  }
  revalidatePath(LIST)
  return ok({ id: endpoint.id, ...(keyError ? { keyError } : {}) })
})

async function updateEndpoint(db: Db, actor: Actor, { id, ...fields }: Partial<KayleEndpointFormValues> & { id: string }): Promise<ActionResult> {
  await (await getKayle()).updateEndpoint(id, toInput(fields))
  await recordAudit(db, actor, 'kayle.endpoint.updated', id, { fields: Object.keys(fields) })
  revalidatePath(LIST)
  revalidatePath(page(id))
  return ok(undefined)
}

export const updateKayleEndpointAction = adminAction(kayleUpdateSchema, (input, { actor, db }) => updateEndpoint(db, actor, input))

export const setKayleEndpointEnabledAction = adminAction(enabledSchema, (input, { actor, db }) => updateEndpoint(db, actor, input))

export const deleteKayleEndpointAction = adminAction(kayleIdSchema, async (id, { actor, db }) => {
  await (await getKayle()).deleteEndpoint(id)
  await forgetEndpoint(db, id)
  await recordAudit(db, actor, 'kayle.endpoint.deleted', id)
  revalidatePath(LIST)
  return ok(undefined)
})

/** The explicit reveal (or a rotation): the only way a signing secret reaches a browser. */
export const kayleSecretAction = adminAction(secretSchema, async ({ endpointId, mode }, { actor, db }) => {
  const kayle = await getKayle()
  const secret = mode === 'rotate' ? await kayle.rotateSigningSecret(endpointId) : await kayle.revealSigningSecret(endpointId)
  await storeSigningSecret(db, endpointId, secret)
  await recordAudit(db, actor, mode === 'rotate' ? 'kayle.secret.rotated' : 'kayle.secret.revealed', endpointId)
  return ok({ secret })
})

export const createKayleKeyAction = adminAction(kayleIdSchema, async (endpointId, { actor, db }) => {
  const key = await createEndpointKey(db, await getKayle(), endpointId)
  await recordAudit(db, actor, 'kayle.key.created', key.keyId, { endpointId })
  revalidatePath(LIST)
  revalidatePath(page(endpointId))
  return ok({ keyId: key.keyId })
})

export const deactivateKayleKeyAction = adminAction(keySchema, async ({ endpointId, keyId }, { actor, db }) => {
  await deactivateEndpointKey(db, await getKayle(), keyId)
  await recordAudit(db, actor, 'kayle.key.deactivated', keyId, { endpointId })
  revalidatePath(LIST)
  revalidatePath(page(endpointId))
  return ok(undefined)
})

/** Sandbox only: Kayle itself sends the real events. */
export const sendKayleTestEventAction = adminAction(testEventSchema, async ({ endpointId, eventType }, { actor, db }) => {
  if (!isKayleSandbox()) return { ok: false, formError: 'Test events come from the Kayle sandbox; with a real API key Kayle sends the events.' }
  const result = await sendKayleTestEvent(db, endpointId, eventType)
  if (!result.ok) return { ok: false, formError: `The sandbox sent nothing: ${result.message}.` }
  await recordAudit(db, actor, 'kayle.test_event.sent', endpointId, { eventType, status: result.delivery.lastStatusCode })
  revalidatePath('/kayle/deliveries')
  return ok({ statusCode: result.delivery.lastStatusCode })
})

export const retryKayleDeliveryAction = adminAction(kayleIdSchema, async (id, { actor, db }) => {
  const delivery = await (await getKayle()).retryDelivery(id)
  await recordAudit(db, actor, 'kayle.delivery.retried', id)
  revalidatePath('/kayle/deliveries')
  return ok({ status: delivery.status })
})
