'use server'
// Server actions for the event log: how many deliveries are stored, and clearing them all.

import { revalidatePath } from 'next/cache'
import { getDb } from '@/lib/db'
import { clearEvents, countEvents } from '@/lib/events/queries'

export type ActionResult<T> = { ok: true; data: T } | { ok: false; formError: string }

export async function countStoredEvents(): Promise<ActionResult<{ count: number }>> {
  try {
    return { ok: true, data: { count: await countEvents(await getDb()) } }
  } catch {
    return { ok: false, formError: 'Could not count the stored deliveries.' }
  }
}

export async function clearEventLog(): Promise<ActionResult<{ removed: number }>> {
  try {
    const removed = await clearEvents(await getDb())
    revalidatePath('/events')
    return { ok: true, data: { removed } }
  } catch {
    return { ok: false, formError: 'Could not clear the log. Try again.' }
  }
}
