'use server'
// Kayle endpoint mutations, signing-secret reveal and rotation, encryption keys, test events and delivery retries.

import { revalidatePath } from 'next/cache'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction } from '@/lib/auth/action'
import { getDb } from '@/lib/db'
import { getKayle, isKayleSandbox } from '@/lib/providers/kayle'
import type { KayleEndpointInput } from '@/lib/providers/kayle/client'
import { retryability } from '@/lib/providers/kayle/delivery-rules'
import { KAYLE_EVENT_TYPE_NAMES } from '@/lib/providers/kayle/event-catalog'
import { sendKayleTestEvent } from '@/lib/providers/kayle/sandbox/deliver'
import {
  createEndpointKey,
  deactivateEndpointKey,
  forgetEndpoint,
  reactivateEndpointKey,
  rotateEndpointKey,
  storeSigningSecret,
} from '@/lib/providers/kayle/vault'
import {
  kayleCreateSchema,
  kayleEnabledSchema,
  kayleIdSchema,
  kayleKeyStateSchema,
  kayleSecretSchema,
  kayleTestEventSchema,
  kayleUpdateSchema,
  type KayleEndpointFormValues,
} from '@/lib/validations/kayle-endpoint'

const LIST = '/kayle/endpoints'
const page = (id: string) => `${LIST}/${encodeURIComponent(id)}`

function toInput(values: Partial<KayleEndpointFormValues>): Partial<KayleEndpointInput> {
  const { url, name, labels, enabled, eventTypes, retentionHours } = values
  return {
    ...(url !== undefined ? { url } : {}),
    ...(name !== undefined ? { name: name || undefined } : {}),
    ...(labels !== undefined ? { labels } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    // Kayle's documentation gives no meaning to an empty list, so "every event type" is sent as every
    // documented type: the endpoint then receives what the form promised.
    ...(eventTypes !== undefined
      ? { subscribedEventTypes: eventTypes.length ? eventTypes : [...KAYLE_EVENT_TYPE_NAMES] }
      : {}),
    ...(retentionHours !== undefined ? { undeliveredPayloadRetentionHours: retentionHours } : {}),
  }
}

export const createKayleEndpointAction = adminAction(
  kayleCreateSchema,
  async ({ createKey, ...values }, { actor }) => {
    const kayle = await getKayle()
    const db = await getDb()
    const { endpoint, signingSecret } = await kayle.createEndpoint(
      toInput(values) as KayleEndpointInput,
    )
    // Kayle shows the secret once, at creation: keep it (sealed) so the receiver can verify at once.
    await storeSigningSecret(db, endpoint.id, signingSecret)
    await recordAudit(db, actor, 'kayle.endpoint.created', endpoint.id, {
      url: endpoint.url,
      events: endpoint.subscribedEventTypes,
    })
    let keyError: string | undefined
    if (createKey) {
      try {
        const key = await createEndpointKey(db, kayle, endpoint.id)
        await recordAudit(db, actor, 'kayle.key.created', key.keyId, { endpointId: endpoint.id })
      } catch (error) {
        keyError =
          error instanceof Error ? error.message : 'The encryption key could not be created.'
      }
    }
    revalidatePath(LIST)
    return ok<{ id: string; keyError?: string }>({
      id: endpoint.id,
      ...(keyError ? { keyError } : {}),
    })
  },
)

export const updateKayleEndpointAction = adminAction(
  kayleUpdateSchema,
  async ({ id, ...fields }, { actor }) => {
    await (await getKayle()).updateEndpoint(id, toInput(fields))
    await recordAudit(await getDb(), actor, 'kayle.endpoint.updated', id, {
      fields: Object.keys(fields),
    })
    revalidatePath(LIST)
    revalidatePath(page(id))
    return ok(undefined)
  },
)

export const setKayleEndpointEnabledAction = adminAction(
  kayleEnabledSchema,
  async ({ id, enabled }, { actor }) => {
    await (await getKayle()).updateEndpoint(id, { enabled })
    await recordAudit(await getDb(), actor, 'kayle.endpoint.updated', id, { fields: ['enabled'] })
    revalidatePath(LIST)
    revalidatePath(page(id))
    return ok(undefined)
  },
)

export const deleteKayleEndpointAction = adminAction(kayleIdSchema, async (id, { actor }) => {
  await (await getKayle()).deleteEndpoint(id)
  const db = await getDb()
  await forgetEndpoint(db, id)
  await recordAudit(db, actor, 'kayle.endpoint.deleted', id)
  revalidatePath(LIST)
  return ok(undefined)
})

/** The explicit reveal (or a rotation): the only way a signing secret reaches a browser. */
export const kayleSecretAction = adminAction(kayleSecretSchema, async ({ id, mode }, { actor }) => {
  const kayle = await getKayle()
  const secret =
    mode === 'rotate' ? await kayle.rotateSigningSecret(id) : await kayle.revealSigningSecret(id)
  const db = await getDb()
  await storeSigningSecret(db, id, secret)
  await recordAudit(
    db,
    actor,
    mode === 'rotate' ? 'kayle.secret.rotated' : 'kayle.secret.revealed',
    id,
  )
  return ok({ secret })
})

/** A new key, and the previous active one deactivated (encryption.mdx, "Rotating keys"). */
export const createKayleKeyAction = adminAction(kayleIdSchema, async (endpointId, { actor }) => {
  const db = await getDb()
  const { key, deactivated, stillActive } = await rotateEndpointKey(
    db,
    await getKayle(),
    endpointId,
  )
  await recordAudit(db, actor, 'kayle.key.created', key.keyId, { endpointId, deactivated })
  revalidatePath(LIST)
  revalidatePath(page(endpointId))
  if (stillActive.length)
    return {
      ok: false,
      formError: stillActiveMessage(
        `The new key ${key.keyId} is registered and active, but`,
        stillActive,
      ),
    }
  return ok({ keyId: key.keyId, deactivated })
})

const stillActiveMessage = (lead: string, stillActive: Array<{ keyId: string; message: string }>) =>
  `${lead} ${stillActive.map((k) => `${k.keyId} is still active (${k.message})`).join('; ')}. With two active keys Kayle’s pick is undefined: deactivate the old one.`

export const setKayleKeyActiveAction = adminAction(
  kayleKeyStateSchema,
  async ({ endpointId, keyId, active }, { actor }) => {
    const db = await getDb()
    const kayle = await getKayle()
    const reactivated = active ? await reactivateEndpointKey(db, kayle, keyId) : null
    const changed = active ? reactivated : await deactivateEndpointKey(db, kayle, keyId)
    if (!changed)
      return {
        ok: false,
        formError: `This console does not hold key ${keyId}, so it leaves it alone.`,
      }
    await recordAudit(
      db,
      actor,
      active ? 'kayle.key.reactivated' : 'kayle.key.deactivated',
      keyId,
      { endpointId },
    )
    revalidatePath(LIST)
    revalidatePath(page(endpointId))
    const others = reactivated ?? { deactivated: [], stillActive: [] }
    if (others.stillActive.length)
      return {
        ok: false,
        formError: stillActiveMessage(`Key ${keyId} is active again, but`, others.stillActive),
      }
    return ok({ deactivated: others.deactivated })
  },
)

/** Sandbox only: Kayle itself sends the real events. */
export const sendKayleTestEventAction = adminAction(
  kayleTestEventSchema,
  async ({ endpointId, eventType }, { actor }) => {
    if (!isKayleSandbox())
      return {
        ok: false,
        formError:
          'Test events come from the Kayle sandbox; with a real API key Kayle sends the events.',
      }
    const db = await getDb()
    const result = await sendKayleTestEvent(db, endpointId, eventType)
    if (!result.ok) return { ok: false, formError: `The sandbox sent nothing: ${result.message}.` }
    const { lastStatusCode: status } = result.delivery
    await recordAudit(db, actor, 'kayle.test_event.sent', endpointId, { eventType, status })
    revalidatePath('/kayle/deliveries')
    // Sent is not delivered: no answer or a non-2xx answer is a failed delivery, reported as one.
    if (status === null)
      return {
        ok: false,
        formError: 'The endpoint answered nothing: Kayle will retry this delivery.',
      }
    if (status < 200 || status >= 300)
      return {
        ok: false,
        formError: `The endpoint answered HTTP ${status}: Kayle will retry this delivery.`,
      }
    return ok({ statusCode: status })
  },
)

export const retryKayleDeliveryAction = adminAction(kayleIdSchema, async (id, { actor }) => {
  const delivery = await (await getKayle()).retryDelivery(id)
  await recordAudit(await getDb(), actor, 'kayle.delivery.retried', id)
  revalidatePath('/kayle/deliveries')
  revalidatePath('/kayle/events', 'layout')
  // Kayle answers a retry by requeueing (`pending`); a delivery still `failed` was not requeued.
  if (delivery.status === 'failed') {
    const answer = delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : 'nothing'
    return { ok: false, formError: `The retry did not deliver: the endpoint answered ${answer}.` }
  }
  return ok({ status: delivery.status })
})

/**
 * Replays an event to every endpoint subscribed to it, while Kayle still keeps its payload. A
 * replayed delivery Kayle reports failed again (the endpoint still answers badly) is an error.
 */
export const replayKayleEventAction = adminAction(kayleIdSchema, async (id, { actor }) => {
  const kayle = await getKayle()
  const before = await kayle.getEvent(id)
  const replayable = new Set(
    before.deliveries.filter((d) => retryability(d).allowed).map((d) => d.id),
  )
  const event = await kayle.replayEvent(id)
  await recordAudit(await getDb(), actor, 'kayle.event.replayed', id)
  revalidatePath('/kayle/events')
  revalidatePath('/kayle/deliveries')
  const replayed = event.deliveries.filter((d) => replayable.has(d.id))
  const attemptsBefore = Object.fromEntries(before.deliveries.map((d) => [d.id, d.attempts]))
  const failedAgain = replayed.filter(
    (d) => d.status === 'failed' && d.attempts > (attemptsBefore[d.id] ?? 0),
  )
  if (failedAgain.length) {
    const answers = failedAgain
      .map((d) => (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : 'nothing'))
      .join(', ')
    return {
      ok: false,
      formError: `Kayle replayed the event, but the delivery failed again: the endpoint answered ${answers}.`,
    }
  }
  return ok({
    requeued: replayed.filter((d) => d.status === 'pending' || d.status === 'delivering').length,
    delivered: replayed.filter((d) => d.status === 'succeeded').length,
  })
})
