import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../db/client'
import { settings } from '../db/schema'
import { env } from '../env'
import { retentionSchema, type Retention } from '../validations/settings'

const BATCH = 5_000
const RETENTION_KEY = 'events.retention'

/** The limits saved in Settings, else EVENT_RETENTION_DAYS and EVENT_MAX_ROWS. */
export async function getRetention(db: Db): Promise<Retention & { source: 'settings' | 'env' }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, RETENTION_KEY))
  const saved = retentionSchema.safeParse(row?.value)
  if (saved.success) return { ...saved.data, source: 'settings' }
  const { EVENT_RETENTION_DAYS, EVENT_MAX_ROWS } = env()
  return { retentionDays: EVENT_RETENTION_DAYS, maxRows: EVENT_MAX_ROWS, source: 'env' }
}

export async function setRetention(db: Db, value: Retention) {
  await db
    .insert(settings)
    .values({ key: RETENTION_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
}

/**
 * Deletes deliveries older than `retentionDays`, then the oldest beyond `maxRows`, in small
 * batches so the receiver's inserts never wait long behind it.
 */
export async function purgeEvents(db: Db, { retentionDays, maxRows }: Retention): Promise<number> {
  let removed = 0
  for (;;) {
    const done = rowsOf<{ id: number }>(
      await db.execute(sql`
        delete from events where id in (
          select id from events where received_at < now() - make_interval(days => ${retentionDays}) order by id limit ${BATCH})
        returning id`),
    ).length
    removed += done
    if (done < BATCH) break
  }
  const [cut] = rowsOf<{ id: string | number }>(
    await db.execute(sql`select id from events order by id desc offset ${maxRows} limit 1`),
  )
  if (cut) {
    for (;;) {
      const done = rowsOf<{ id: number }>(
        await db.execute(
          sql`delete from events where id in (select id from events where id <= ${Number(cut.id)} order by id limit ${BATCH}) returning id`,
        ),
      ).length
      removed += done
      if (done < BATCH) break
    }
  }
  // First copies older than the redelivery window mark nothing any more.
  await db.execute(
    sql`delete from event_first_copies where received_at < now() - interval '24 hours'`,
  )
  return removed
}

/** Runs the purge soon and every ten minutes, in the background of the server process. */
export function startRetention(getDb: () => Promise<Db>, everyMs = 600_000) {
  const run = async () => {
    try {
      const db = await getDb()
      const removed = await purgeEvents(db, await getRetention(db))
      if (removed) console.info(`Retention: removed ${removed} old deliveries.`)
    } catch (error) {
      console.error('Retention purge failed; it will run again.', error)
    }
  }
  setTimeout(run, 5_000).unref()
  setInterval(run, everyMs).unref()
}
