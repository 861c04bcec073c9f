import 'server-only'
import { sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../db/client'

const BATCH = 5_000

/**
 * Deletes deliveries older than `retentionDays`, then the oldest beyond `maxRows`, in small
 * batches so the receiver's inserts never wait long behind it.
 */
export async function purgeEvents(db: Db, { retentionDays, maxRows }: { retentionDays: number; maxRows: number }): Promise<number> {
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
  const [cut] = rowsOf<{ id: string | number }>(await db.execute(sql`select id from events order by id desc offset ${maxRows} limit 1`))
  if (cut) {
    for (;;) {
      const done = rowsOf<{ id: number }>(
        await db.execute(sql`delete from events where id in (select id from events where id <= ${Number(cut.id)} order by id limit ${BATCH}) returning id`),
      ).length
      removed += done
      if (done < BATCH) break
    }
  }
  return removed
}

/** Runs the purge now and every ten minutes, in the background of the server process. */
export function startRetention(getDb: () => Promise<Db>, limits: { retentionDays: number; maxRows: number }, everyMs = 600_000) {
  const run = async () => {
    try {
      const removed = await purgeEvents(await getDb(), limits)
      if (removed) console.info(`Retention: removed ${removed} old deliveries.`)
    } catch (error) {
      console.error('Retention purge failed; it will run again.', error)
    }
  }
  setTimeout(run, 5_000).unref()
  setInterval(run, everyMs).unref()
}
