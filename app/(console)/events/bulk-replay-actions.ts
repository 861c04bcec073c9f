'use server'
// Bulk "Send again…" on the event log (admins only): how many deliveries the list's filter
// matches, the ids of a run, and one batch of it at a time. Each batch is audited by itself.

import { randomUUID } from 'node:crypto'
import { ok, type ActionResult } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction } from '@/lib/auth/action'
import { countEvents } from '@/lib/events/queries'
import { revealSecret } from '@/lib/providers/konpro/endpoints'
import { planBulkReplay, replayBatch } from '@/lib/replay/bulk'
import { addToTally, emptyTally } from '@/lib/replay/bulk-summary'
import type { ReplaySecret } from '@/lib/replay/replay'
import { bulkBatchSchema, bulkCountSchema, bulkReplaySchema } from '@/lib/replay/schema'

type Secret = ReplaySecret | undefined

/** The endpoint's secret when re-signing; a field error when it has none (any more). */
async function secretFor(input: {
  mode: 'original' | 'resigned'
  endpointId?: string
}): Promise<{ ok: true; secret: Secret } | { ok: false; result: ActionResult<never> }> {
  if (input.mode === 'original') return { ok: true, secret: undefined }
  const value = await revealSecret(input.endpointId!)
  if (!value)
    return {
      ok: false,
      result: {
        ok: false,
        fieldErrors: {
          endpointId: ['That endpoint no longer exists or has no secret. Choose another.'],
        },
      },
    }
  // A bulk run re-signs with a KonPro endpoint only; other deliveries in the filter are reported.
  return { ok: true, secret: { provider: 'konpro', endpointId: input.endpointId!, value } }
}

export const countBulkReplay = adminAction(bulkCountSchema, async ({ filters }, { db }) =>
  ok({ total: await countEvents(db, filters) }),
)

export const startBulkReplay = adminAction(bulkReplaySchema, async (input, { db }) => {
  const signing = await secretFor(input)
  if (!signing.ok) return signing.result
  const { total, ids } = await planBulkReplay(db, input.filters, input.cap)
  return ok({ run: randomUUID(), total, ids })
})

export const replayBulkBatch = adminAction(bulkBatchSchema, async (input, { actor, db }) => {
  const signing = await secretFor(input)
  if (!signing.ok) return signing.result
  const items = await replayBatch(
    db,
    { ids: input.ids, url: input.url, secret: signing.secret },
    actor.email,
  )
  const tally = addToTally(emptyTally(), items)
  await recordAudit(db, actor, 'event.replayed_bulk', input.run, {
    url: input.url,
    mode: input.mode,
    signedWith: signing.secret?.endpointId ?? null,
    ids: input.ids,
    sent: tally.sent,
    failed: tally.failed,
    byClass: tally.byClass,
  })
  return ok({ items })
})
