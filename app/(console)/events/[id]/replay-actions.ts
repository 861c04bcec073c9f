'use server'
// "Send again to…" on a delivery (admins only): re-sends it and stores the answer as an attempt.

import { revalidatePath } from 'next/cache'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction } from '@/lib/auth/action'
import { getEvent } from '@/lib/events/queries'
import { providerDefinition } from '@/lib/providers/registry'
import { replayDelivery, type ReplaySecret } from '@/lib/replay/replay'
import { replaySchema } from '@/lib/replay/schema'

export const replayDeliveryAction = adminAction(replaySchema, async (input, { actor, db }) => {
  let secret: ReplaySecret | undefined
  if (input.mode === 'resigned') {
    const event = await getEvent(db, input.eventId)
    if (!event) return { ok: false, formError: 'This delivery is no longer stored.' }
    // Looked up here, on the server, among the endpoints of the delivery's own provider.
    const value = await providerDefinition(event.provider).resign?.secret(db, input.endpointId!)
    if (!value)
      return {
        ok: false,
        fieldErrors: {
          endpointId: ['That endpoint no longer exists or has no secret. Choose another.'],
        },
      }
    secret = { provider: event.provider, endpointId: input.endpointId!, value }
  }
  const outcome = await replayDelivery(
    db,
    { eventId: input.eventId, url: input.url, secret },
    actor.email,
  )
  if (!outcome.ok) {
    return {
      ok: false,
      formError:
        outcome.problem === 'not_found'
          ? 'This delivery is no longer stored.'
          : 'That endpoint belongs to another provider: choose one of this delivery’s own.',
    }
  }
  const { attempt } = outcome
  await recordAudit(db, actor, 'event.replayed', String(input.eventId), {
    url: input.url,
    mode: attempt.mode,
    signedWith: attempt.signedWith,
    status: attempt.status,
  })
  revalidatePath(`/events/${input.eventId}`)
  return ok({ status: attempt.status, error: attempt.error, latencyMs: attempt.latencyMs })
})
