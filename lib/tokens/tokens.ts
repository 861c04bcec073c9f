import 'server-only'
import { createHmac, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import { authSecret } from '../auth/secret'
import { publicColumns, type PublicUser } from '../auth/users'
import type { Db } from '../db/client'
import { accessTokens, users } from '../db/schema'

// Personal access tokens for the command-line forwarder. The token is shown once; the database
// keeps an HMAC keyed with AUTH_SECRET (as for session tokens), so a copy of the table alone
// cannot be turned into working tokens.

export const TOKEN_PREFIX = 'kpt_'
const TOKEN_SHAPE = /^kpt_[A-Za-z0-9_-]{43}$/
// Shown in the list; 6 random characters tell tokens apart without weakening them.
const SHOWN_CHARS = TOKEN_PREFIX.length + 6
// A forwarder reconnecting every few seconds should not turn each reconnect into a write.
const TOUCH_AFTER_MS = 60_000

export const hashAccessToken = (token: string) =>
  createHmac('sha256', authSecret()).update(token).digest('hex')

export interface TokenListing {
  id: number
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
}

/** Makes a token for a user; the plain token is returned this once and never stored. */
export async function createAccessToken(
  db: Db,
  userId: number,
  name: string,
): Promise<{ id: number; token: string; prefix: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const prefix = token.slice(0, SHOWN_CHARS)
  const [row] = await db
    .insert(accessTokens)
    .values({ userId, name, tokenHash: hashAccessToken(token), prefix })
    .returning({ id: accessTokens.id })
  return { id: row!.id, token, prefix }
}

/** The user's tokens that still work, newest first. */
export function listAccessTokens(db: Db, userId: number): Promise<TokenListing[]> {
  return db
    .select({
      id: accessTokens.id,
      name: accessTokens.name,
      prefix: accessTokens.prefix,
      createdAt: accessTokens.createdAt,
      lastUsedAt: accessTokens.lastUsedAt,
    })
    .from(accessTokens)
    .where(and(eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
    .orderBy(desc(accessTokens.createdAt), desc(accessTokens.id))
}

/** Revokes one of the user's own tokens; answers its name, or null when there is none to revoke. */
export async function revokeAccessToken(
  db: Db,
  userId: number,
  id: number,
): Promise<{ name: string; prefix: string } | null> {
  const [row] = await db
    .update(accessTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(accessTokens.id, id), eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)),
    )
    .returning({ name: accessTokens.name, prefix: accessTokens.prefix })
  return row ?? null
}

/** The user a bearer token stands for, or null when it is malformed, unknown or revoked. */
export async function userForAccessToken(
  db: Db,
  token: string | undefined,
  now = Date.now(),
): Promise<(PublicUser & { tokenId: number }) | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null
  const tokenHash = hashAccessToken(token)
  const [row] = await db
    .select({
      tokenId: accessTokens.id,
      lastUsedAt: accessTokens.lastUsedAt,
      ...publicColumns,
    })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(eq(accessTokens.tokenHash, tokenHash), isNull(accessTokens.revokedAt)))
  if (!row) return null
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(accessTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(
        and(
          eq(accessTokens.id, row.tokenId),
          or(
            isNull(accessTokens.lastUsedAt),
            lt(accessTokens.lastUsedAt, new Date(now - TOUCH_AFTER_MS)),
          ),
        ),
      )
  }
  return {
    tokenId: row.tokenId,
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt,
  }
}

/** The token in an `Authorization: Bearer kpt_…` header, if that is what the request carries. */
export function bearerAccessToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(kpt_\S+)$/i.exec(headers.get('authorization') ?? '')
  return match?.[1]
}
