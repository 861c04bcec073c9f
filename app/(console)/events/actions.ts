'use server'
// Server actions for the event log: how many deliveries are stored, and clearing them all.

import { revalidatePath } from 'next/cache'
import { ok, type ActionResult } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { authorize } from '@/lib/auth/current'
import { getDb } from '@/lib/db'
import { clearEvents, countEvents } from '@/lib/events/queries'

export async function countStoredEvents(): Promise<ActionResult<{ count: number }>> {
  const auth = await authorize()
  if (!auth.ok) return auth.result
  return ok({ count: await countEvents(await getDb()) })
}

export async function clearEventLog(): Promise<ActionResult<{ removed: number }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const db = await getDb()
  const removed = await clearEvents(db)
  await recordAudit(db, auth.actor, 'events.cleared', null, { removed })
  revalidatePath('/events')
  return ok({ removed })
}
