'use server'
// Server actions for the event log: how many deliveries are stored, and clearing them all.

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction, viewerAction } from '@/lib/auth/action'
import { clearEvents, countEvents } from '@/lib/events/queries'

export const countStoredEvents = viewerAction(z.void(), async (_, { db }) =>
  ok({ count: await countEvents(db) }),
)

export const clearEventLog = adminAction(z.void(), async (_, { actor, db }) => {
  const removed = await clearEvents(db)
  await recordAudit(db, actor, 'events.cleared', null, { removed })
  revalidatePath('/events')
  return ok({ removed })
})
