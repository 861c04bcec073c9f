'use server'
// Server actions for the event log: how many deliveries are stored, and clearing what the filter
// shows or all of them.

import { revalidatePath } from 'next/cache'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction, viewerAction } from '@/lib/auth/action'
import { clearEvents, countEvents } from '@/lib/events/queries'
import { clearLogSchema, countLogSchema } from '@/lib/validations/clear-log'
import { filtersToSearchParams, hasActiveFilters } from '@/lib/validations/event-filters'

export const countStoredEvents = viewerAction(countLogSchema, async ({ filters }, { db }) => {
  const [all, filtered] = await Promise.all([
    countEvents(db),
    hasActiveFilters(filters) ? countEvents(db, filters) : null,
  ])
  return ok({ all, filtered: filtered ?? all })
})

export const clearEventLog = adminAction(
  clearLogSchema,
  async ({ scope, filters }, { actor, db }) => {
    const removed = await clearEvents(db, scope === 'all' ? {} : filters)
    await recordAudit(db, actor, 'events.cleared', null, {
      removed,
      ...(scope === 'filtered' && hasActiveFilters(filters)
        ? { filter: filtersToSearchParams(filters).toString() }
        : {}),
    })
    revalidatePath('/events')
    return ok({ removed })
  },
)
