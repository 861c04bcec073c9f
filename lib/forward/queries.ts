import 'server-only'
import { lt, sql } from 'drizzle-orm'
import type { SessionDb } from '../auth/current'
import { events } from '../db/schema'

/** The highest id received before `at`, or 0: where a stream asked to start "10 minutes ago" begins. */
export async function lastIdBefore(db: SessionDb, at: Date): Promise<number> {
  const [row] = await db
    .select({ id: sql<number | null>`max(${events.id})` })
    .from(events)
    .where(lt(events.receivedAt, at))
  return Number(row?.id ?? 0)
}
