import 'server-only'
import type { Db } from '../db/client'
import { recordAudit } from '../audit'
import { verifyPassword } from './password'
import { createSession, deleteSession } from './sessions'
import { releaseAttempt, reserveAttempt } from './sign-in-throttle'
import { findUserByEmail, type PublicUser } from './users'

// Compared against when the email is unknown, so both paths cost one scrypt.
const DECOY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

export type SignInResult =
  | { ok: true; user: PublicUser; token: string }
  | { ok: false; reason: 'locked'; retryAfter: number }
  | { ok: false; reason: 'mismatch' }

/**
 * Checks a password under the attempt limit and opens a session. The attempt is counted before
 * the password is checked, so the limit holds for parallel requests too.
 */
export async function signIn(
  db: Db,
  input: {
    email: string
    password: string
    ip: string | null
    userAgent: string | null
    previousToken?: string
  },
): Promise<SignInResult> {
  const reservation = await reserveAttempt(db, input.email, input.ip)
  if (!reservation.ok) return { ok: false, reason: 'locked', retryAfter: reservation.retryAfter }
  const user = await findUserByEmail(db, input.email)
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH)
  if (!user || !valid) {
    await recordAudit(
      db,
      { id: user?.id ?? null, email: input.email, ip: input.ip },
      'auth.sign_in_failed',
    )
    return { ok: false, reason: 'mismatch' }
  }
  await releaseAttempt(db, reservation.keys)
  // A new token on every sign-in; whatever session this browser held before is ended, so a token
  // planted or seen before sign-in is worth nothing after it.
  if (input.previousToken) await deleteSession(db, input.previousToken)
  const token = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent })
  await recordAudit(db, { id: user.id, email: user.email, ip: input.ip }, 'auth.sign_in')
  return {
    ok: true,
    user: { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt },
    token,
  }
}
