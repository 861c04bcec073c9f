import 'server-only'
import { eq, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client'
import { settings } from '../db/schema'
import { env } from '../env'

/** Where this process can reach its own sandbox routes under `apiPath`. */
export function sandboxBaseUrl(apiPath: string): string {
  // The server (server.mjs or `next start`) puts its port in PORT; loopback avoids public DNS and TLS.
  const port = process.env.PORT ?? String(env().PORT)
  return `http://127.0.0.1:${port}${apiPath}`
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']

/**
 * Providers deliver only to https; their sandboxes also take plain http on this machine. Null when
 * `value` passes, else the problem (`httpsProblem` in the provider's own words).
 */
export function deliveryUrlProblem(value: string, httpsProblem: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'url must be an absolute URL'
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && LOOPBACK.includes(url.hostname)) return null
  return httpsProblem
}

/** The setting `key`, made with `fresh()` by whichever call comes first (a race keeps one). */
export async function settingMadeOnce(db: Db, key: string, fresh: () => unknown): Promise<unknown> {
  await db.insert(settings).values({ key, value: fresh() }).onConflictDoNothing()
  const [row] = await db.select().from(settings).where(eq(settings.key, key))
  return row!.value
}

/** The one row of `table` that `where` picks, if there is one. */
export async function rowWhere<T extends PgTable>(
  db: Db,
  table: T,
  where: SQL,
): Promise<T['$inferSelect'] | undefined> {
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(where)
  return row as T['$inferSelect'] | undefined
}

/** Deletes the rows of `table` that `where` picks; whether there were any. */
export async function deleteWhere(db: Db, table: PgTable, where: SQL): Promise<boolean> {
  const rows = await db.delete(table).where(where).returning()
  return rows.length > 0
}
