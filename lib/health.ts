import 'server-only'
import { sql } from 'drizzle-orm'
import pkg from '../package.json'
import type { Database, DbKind } from './db/client'
import type { LiveStatus } from './events/live-mode'

type Live = { live: LiveStatus['live']; liveReason: string }
export type Health =
  | ({ ok: true; db: DbKind; version: string } & Partial<Live>)
  | { ok: false; db: DbKind | null; version: string; error: string }

/**
 * Runs `select 1` with a deadline so a hung database answers 503 quickly instead of hanging;
 * with `live`, also says how deliveries reach open streams (LISTEN, or polling and why).
 */
export async function checkHealth(
  open: () => Promise<Database>,
  timeoutMs = 3000,
  live?: (database: Database) => Promise<LiveStatus>,
): Promise<Health> {
  let kind: DbKind | null = null
  try {
    const database = await open()
    kind = database.kind
    await Promise.race([
      database.db.execute(sql`select 1`),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs).unref(),
      ),
    ])
    // A slow LISTEN test must not fail the health check: the database itself answered.
    const status = live
      ? await Promise.race([
          live(database),
          new Promise<LiveStatus>((resolve) =>
            setTimeout(
              () =>
                resolve({
                  live: 'poll',
                  reason: 'Still testing LISTEN; until then live streams re-check every 2 s.',
                }),
              timeoutMs,
            ).unref(),
          ),
        ])
      : undefined
    return {
      ok: true,
      db: database.kind,
      version: pkg.version,
      ...(status ? { live: status.live, liveReason: status.reason } : {}),
    }
  } catch {
    return { ok: false, db: kind, version: pkg.version, error: 'database unreachable' }
  }
}
