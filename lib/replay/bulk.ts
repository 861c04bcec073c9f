import 'server-only'
import { and, asc } from 'drizzle-orm'
import type { SessionDb } from '../auth/current'
import { events } from '../db/schema'
import { countEvents, filterConditions } from '../events/queries'
import type { EventFilters } from '../validations/event-filters'
import type { BatchItem } from './bulk-summary'
import { replayDelivery, type ReplaySecret } from './replay'

// Bulk "Send again…": the browser asks for the ids a filter matches, then sends them back a small
// batch per call. Nothing of a run lives on the server between calls, so any instance serves any
// batch, and a closed tab stops the run after the batch in flight, with every answer already kept.

/** Replays in flight at once within one batch: bounded, so one run cannot flood a target. */
export const BULK_CONCURRENCY = 4

/**
 * How many deliveries the list's filter matches, and the ids of the first `cap`, oldest first.
 * The conditions are the list's own (filterConditions), so the set is the one the list shows.
 */
export async function planBulkReplay(
  db: SessionDb,
  filters: EventFilters,
  cap: number,
): Promise<{ total: number; ids: number[] }> {
  const [total, rows] = await Promise.all([
    countEvents(db, filters),
    db
      .select({ id: events.id })
      .from(events)
      .where(and(...filterConditions(filters)))
      .orderBy(asc(events.id))
      .limit(cap),
  ])
  return { total, ids: rows.map((r) => r.id) }
}

const PROBLEMS = {
  not_found: 'This delivery is no longer stored.',
  other_provider: 'Only KonPro deliveries can be re-signed with a KonPro endpoint’s secret.',
} as const

/**
 * Replays each id (re-read from the database, so a delivery removed since the run began is
 * reported, not sent) with the same address rules and timeout as a single replay; each answer is
 * stored as an attempt of its delivery. Answers in the order of `ids`.
 */
export async function replayBatch(
  db: SessionDb,
  input: { ids: number[]; url: string; secret?: ReplaySecret },
  actorEmail: string | null,
): Promise<BatchItem[]> {
  const results: BatchItem[] = new Array(input.ids.length)
  let next = 0
  const worker = async () => {
    while (next < input.ids.length) {
      const index = next++
      const id = input.ids[index]!
      const outcome = await replayDelivery(
        db,
        { eventId: id, url: input.url, secret: input.secret },
        actorEmail,
      )
      results[index] = !outcome.ok
        ? { id, status: null, error: PROBLEMS[outcome.problem] }
        : outcome.attempt.status === null
          ? { id, status: null, error: outcome.attempt.error ?? 'Not sent.' }
          : { id, status: outcome.attempt.status, latencyMs: outcome.attempt.latencyMs }
    }
  }
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, input.ids.length) }, worker))
  return results
}
