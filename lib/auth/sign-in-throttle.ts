import 'server-only'
import { sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../db/client'
import { recordAudit } from '../audit'

export const MAX_ATTEMPTS = 5
export const WINDOW_MS = 60_000

export type Reservation = { ok: true; keys: string[] } | { ok: false; retryAfter: number }

// Sorted, so concurrent upserts lock the rows in the same order and cannot deadlock.
const keysFor = (email: string, ip: string | null) =>
  [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])].sort()

/**
 * Counts one attempt for the account and for the address before the password is checked, in one
 * upsert: each row is locked while it is incremented, so 100 parallel guesses get the numbers
 * 1..100 and only the first MAX_ATTEMPTS go on to the (costly) password check. The rest are refused
 * here, with no hash computed and nothing written but the counter; the attempt that crosses the
 * limit writes the one audit entry for the lock.
 */
export async function reserveAttempt(
  db: Db,
  email: string,
  ip: string | null,
  now = Date.now(),
): Promise<Reservation> {
  const keys = keysFor(email, ip)
  const at = new Date(now).toISOString()
  const expired = sql`sign_in_throttle.window_start <= ${new Date(now - WINDOW_MS).toISOString()}::timestamptz`
  const rows = rowsOf<{ key: string; attempts: number; window_start: string | Date }>(
    await db.execute(sql`
      insert into sign_in_throttle (key, window_start, attempts)
      values ${sql.join(
        keys.map((k) => sql`(${k}, ${at}::timestamptz, 1)`),
        sql`, `,
      )}
      on conflict (key) do update set
        window_start = case when ${expired} then excluded.window_start else sign_in_throttle.window_start end,
        attempts = case when ${expired} then 1 else sign_in_throttle.attempts + 1 end
      returning key, attempts, window_start`),
  )
  const over = rows.filter((r) => Number(r.attempts) > MAX_ATTEMPTS)
  if (!over.length) return { ok: true, keys }
  for (const row of over) {
    if (Number(row.attempts) !== MAX_ATTEMPTS + 1) continue
    const [kind, ...rest] = row.key.split(':')
    const value = rest.join(':')
    await recordAudit(
      db,
      { id: null, email: kind === 'email' ? value : null, ip },
      'auth.sign_in_locked',
      row.key,
      {
        attempts: MAX_ATTEMPTS,
        windowSeconds: WINDOW_MS / 1000,
      },
    )
  }
  const until = Math.max(...over.map((r) => new Date(r.window_start).getTime() + WINDOW_MS))
  return { ok: false, retryAfter: Math.max(1, Math.ceil((until - now) / 1000)) }
}

/** A successful sign-in gives its attempt back; failures stay counted for the rest of the window. */
export async function releaseAttempt(db: Db, keys: string[]) {
  await db.execute(
    sql`update sign_in_throttle set attempts = greatest(attempts - 1, 0) where key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  )
}
