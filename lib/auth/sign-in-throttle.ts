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

/** One attempt is forgiven every LEAK_MS of quiet: five per minute, with no window edge to burst at. */
const LEAK_MS = WINDOW_MS / MAX_ATTEMPTS

/**
 * Counts one attempt for the account and for the address before the password is checked, in one
 * upsert: each row is locked while it is changed, so 100 parallel guesses are counted one after the
 * other and only the first MAX_ATTEMPTS go on to the (costly) password check.
 *
 * A row is a leaky bucket: `attempts` as of `window_start`, less one per LEAK_MS since. A fixed
 * window would let MAX_ATTEMPTS through on each side of its edge; a bucket lets none through twice.
 * The guess that finds the bucket full locks the key for WINDOW_MS, written as a `window_start` in
 * the future, and leaves MAX_ATTEMPTS - 1 behind, so that after the lock one try is evaluated and
 * the next failure locks again. Guesses during a lock change nothing (the `where` below), so they
 * neither extend it nor write: only the guess that locks writes the one audit entry.
 */
export async function reserveAttempt(
  db: Db,
  email: string,
  ip: string | null,
  now = Date.now(),
): Promise<Reservation> {
  const keys = keysFor(email, ip)
  const at = sql`${new Date(now).toISOString()}::timestamptz`
  const leaked = sql`greatest(floor(extract(epoch from (${at} - sign_in_throttle.window_start)) * 1000 / ${LEAK_MS}), 0)`
  const level = sql`greatest(sign_in_throttle.attempts - ${leaked}, 0)`
  const room = sql`${level} < ${MAX_ATTEMPTS}`
  const rows = rowsOf<{ key: string; attempts: number; window_start: string | Date }>(
    await db.execute(sql`
      insert into sign_in_throttle (key, window_start, attempts)
      values ${sql.join(
        keys.map((k) => sql`(${k}, ${at}, 1)`),
        sql`, `,
      )}
      on conflict (key) do update set
        attempts = case when ${room} then ${level} + 1 else ${MAX_ATTEMPTS - 1} end,
        window_start = case
          when not ${room} then ${at} + ${`${WINDOW_MS} milliseconds`}::interval
          when ${level} = 0 then ${at}
          else sign_in_throttle.window_start + ${leaked} * ${`${LEAK_MS} milliseconds`}::interval
        end
      where sign_in_throttle.window_start <= ${at}
      returning key, attempts, window_start`),
  )
  const lockedNow = rows.filter((r) => new Date(r.window_start).getTime() > now)
  const returned = new Set(rows.map((r) => r.key))
  const stillLocked = keys.filter((k) => !returned.has(k))
  if (!lockedNow.length && !stillLocked.length) return { ok: true, keys }

  for (const row of lockedNow) {
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
  const locks = lockedNow.map((r) => new Date(r.window_start).getTime())
  if (stillLocked.length) {
    const held = rowsOf<{ window_start: string | Date }>(
      await db.execute(
        sql`select window_start from sign_in_throttle where key in (${sql.join(
          stillLocked.map((k) => sql`${k}`),
          sql`, `,
        )})`,
      ),
    )
    locks.push(...held.map((r) => new Date(r.window_start).getTime()))
  }
  return { ok: false, retryAfter: Math.max(1, Math.ceil((Math.max(...locks) - now) / 1000)) }
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
