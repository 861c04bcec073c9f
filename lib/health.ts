import 'server-only'
import { sql } from 'drizzle-orm'
import pkg from '../package.json'
import type { Database, DbKind } from './db/client'

export type Health = { ok: true; db: DbKind; version: string } | { ok: false; db: DbKind | null; version: string; error: string }

/** Runs `select 1` with a deadline so a hung database answers 503 quickly instead of hanging. */
export async function checkHealth(open: () => Promise<Database>, timeoutMs = 3000): Promise<Health> {
  let kind: DbKind | null = null
  try {
    const database = await open()
    kind = database.kind
    await Promise.race([
      database.db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs).unref()),
    ])
    return { ok: true, db: database.kind, version: pkg.version }
  } catch {
    return { ok: false, db: kind, version: pkg.version, error: 'database unreachable' }
  }
}
