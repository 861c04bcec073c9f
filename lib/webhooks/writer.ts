import 'server-only'
import { inArray, sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../db/client'
import { events, type NewStoredEvent } from '../db/schema'

export const EVENTS_CHANNEL = 'konpro_events'
const MAX_BATCH = 500

export interface Written {
  id: number
  duplicateOf: number | null
}

interface Pending {
  row: NewStoredEvent & { dedupeKey: string }
  resolve: (w: Written) => void
  reject: (e: unknown) => void
}

/**
 * Group commit: requests queue their rows, and one INSERT writes everything queued while the
 * previous one ran. Each caller's promise settles only after its row is committed, so the
 * receiver answers 2xx for stored rows only, and throughput grows with concurrency.
 */
export function createEventWriter(db: Db) {
  const queue: Pending[] = []
  let flushing = false

  async function flush() {
    flushing = true
    try {
      while (queue.length) {
        const batch = queue.splice(0, MAX_BATCH)
        try {
          const written = await insertBatch(db, batch.map((p) => p.row))
          batch.forEach((p, i) => p.resolve(written[i]!))
        } catch (error) {
          batch.forEach((p) => p.reject(error))
        }
      }
    } finally {
      flushing = false
    }
  }

  return {
    write(row: Pending['row']): Promise<Written> {
      return new Promise((resolve, reject) => {
        queue.push({ row, resolve, reject })
        if (!flushing) void flush()
      })
    },
  }
}

export async function insertBatch(db: Db, rows: Array<NewStoredEvent & { dedupeKey: string }>): Promise<Written[]> {
  const keys = [...new Set(rows.map((r) => r.dedupeKey))]
  const earlier = new Map(
    rowsOf<{ dedupe_key: string; first: string | number }>(
      await db.execute(sql`
        select dedupe_key, min(id) as first from events
        where ${inArray(events.dedupeKey, keys)} and received_at > now() - interval '24 hours'
        group by dedupe_key`),
    ).map((r) => [r.dedupe_key, Number(r.first)]),
  )
  const inserted = await db
    .insert(events)
    .values(rows.map((r) => ({ ...r, duplicateOf: earlier.get(r.dedupeKey) ?? null })))
    .returning({ id: events.id })

  // The same delivery twice within one batch: later copies point at the first.
  const firstInBatch = new Map<string, number>()
  const written = rows.map((r, i): Written => {
    const id = inserted[i]!.id
    const duplicateOf = earlier.get(r.dedupeKey) ?? firstInBatch.get(r.dedupeKey) ?? null
    if (!firstInBatch.has(r.dedupeKey)) firstInBatch.set(r.dedupeKey, id)
    return { id, duplicateOf }
  })
  for (const w of written.filter((w, i) => w.duplicateOf !== null && !earlier.has(rows[i]!.dedupeKey))) {
    await db.execute(sql`update events set duplicate_of = ${w.duplicateOf} where id = ${w.id}`)
  }
  // Wakes the live streams of every instance sharing this database.
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${String(Math.max(...written.map((w) => w.id)))})`)
  return written
}
