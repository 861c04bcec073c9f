import 'server-only'
import { createHmac, randomBytes } from 'node:crypto'
import { eq, lt } from 'drizzle-orm'
import type { Db } from '../db/client'
import { sessions, users } from '../db/schema'
import { authSecret } from './secret'
import { publicColumns, type PublicUser } from './users'

/** The cookie over plain http (local use). */
export const SESSION_COOKIE = 'konpro_session'
/**
 * Over https: the `__Host-` prefix makes the browser refuse the cookie unless it is Secure, Path=/
 * and has no Domain, so a sibling subdomain cannot plant or shadow it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`
export const SESSION_COOKIE_NAMES = [SECURE_SESSION_COOKIE, SESSION_COOKIE] as const
export const sessionCookieName = (secure: boolean) =>
  secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000
// However active, a session ends this long after sign-in: a stolen cookie does not live forever.
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000
// Writing last_seen_at on every request would turn each page view into a write.
const TOUCH_AFTER_MS = 60_000

// Keyed with AUTH_SECRET: a copy of the sessions table alone cannot be matched to cookies.
const hashToken = (token: string) => createHmac('sha256', authSecret()).update(token).digest('hex')

export async function createSession(
  db: Db,
  userId: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  })
  return token
}

/** The user behind a session token, or null when the session is unknown, idle too long or too old. */
export async function userForSession(
  db: Db,
  token: string | undefined,
  now = Date.now(),
): Promise<PublicUser | null> {
  if (!token || token.length > 200) return null
  const tokenHash = hashToken(token)
  const [row] = await db
    .select({
      ...publicColumns,
      lastSeenAt: sessions.lastSeenAt,
      startedAt: sessions.createdAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
  if (!row) return null
  if (
    now - row.lastSeenAt.getTime() > SESSION_IDLE_MS ||
    now - row.startedAt.getTime() > SESSION_MAX_AGE_MS
  ) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
    return null
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.tokenHash, tokenHash))
  }
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt }
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)))
}

export async function purgeIdleSessions(db: Db, now = Date.now()) {
  await db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(now - SESSION_IDLE_MS)))
}
