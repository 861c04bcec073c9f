// Sign-in: checks the password, limits failed attempts (429 with the wait) and sets the session cookie.
import { cookies } from 'next/headers'
import { recordAudit, recentSignInFailures } from '@/lib/audit'
import { clientMeta, isHttps, sessionCookie } from '@/lib/auth/current'
import { sameOrigin } from '@/lib/auth/origin'
import { verifyPassword } from '@/lib/auth/password'
import { createSession } from '@/lib/auth/sessions'
import { findUserByEmail } from '@/lib/auth/users'
import { getDb } from '@/lib/db'
import { signInSchema } from '@/lib/validations/auth'

export const dynamic = 'force-dynamic'

const MAX_FAILURES = 5
const WINDOW_MS = 60_000
// Compared against when the email is unknown, so both paths cost one scrypt.
const DECOY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

export async function POST(req: Request) {
  if (!sameOrigin(req)) return Response.json({ error: 'Cross-site sign-in is not allowed.' }, { status: 403 })
  const parsed = signInSchema.safeParse(await req.json().catch(() => null))
  if (!parsed.success) return Response.json({ error: 'Enter your email and password.' }, { status: 400 })
  const { email, password } = parsed.data
  const db = await getDb()
  const { ip, userAgent } = clientMeta(req.headers)

  const failures = await recentSignInFailures(db, ip, email, WINDOW_MS)
  const blocking = [failures.byIp, failures.byEmail].filter((f) => f.n >= MAX_FAILURES)
  if (blocking.length) {
    const oldest = Math.min(...blocking.map((f) => new Date(f.oldest ?? Date.now()).getTime()))
    const retryAfter = Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 1000))
    return Response.json(
      { error: `Too many failed sign-ins. Try again in ${retryAfter} seconds.`, retryAfter },
      { status: 429, headers: { 'retry-after': String(retryAfter) } },
    )
  }

  const user = await findUserByEmail(db, email)
  const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH)
  if (!user || !valid) {
    await recordAudit(db, { id: user?.id ?? null, email, ip }, 'auth.sign_in_failed')
    return Response.json({ error: 'That email and password do not match an account.' }, { status: 401 })
  }
  const token = await createSession(db, user.id, { ip, userAgent })
  ;(await cookies()).set(sessionCookie(token, isHttps(req.headers)))
  await recordAudit(db, { id: user.id, email: user.email, ip }, 'auth.sign_in')
  return Response.json({ ok: true })
}
