// Sign-in: checks the password under the attempt limit (429 with the wait) and sets the session cookie.
import { cookies } from 'next/headers'
import { clientMeta, isHttps, sessionCookie, sessionToken } from '@/lib/auth/current'
import { sameOrigin } from '@/lib/auth/origin'
import { SESSION_COOKIE } from '@/lib/auth/sessions'
import { signIn } from '@/lib/auth/sign-in'
import { getDb } from '@/lib/db'
import { signInSchema } from '@/lib/validations/auth'

export const dynamic = 'force-dynamic'

export async function POST(req: Request) {
  if (!sameOrigin(req))
    return Response.json({ error: 'Cross-site sign-in is not allowed.' }, { status: 403 })
  const parsed = signInSchema.safeParse(await req.json().catch(() => null))
  if (!parsed.success)
    return Response.json({ error: 'Enter your email and password.' }, { status: 400 })
  const db = await getDb()
  const result = await signIn(db, {
    ...parsed.data,
    ...clientMeta(req.headers),
    previousToken: await sessionToken(),
  })
  if (!result.ok && result.reason === 'locked') {
    return Response.json(
      {
        error: `Too many failed sign-ins. Try again in ${result.retryAfter} seconds.`,
        retryAfter: result.retryAfter,
      },
      { status: 429, headers: { 'retry-after': String(result.retryAfter) } },
    )
  }
  if (!result.ok)
    return Response.json(
      { error: 'That email and password do not match an account.' },
      { status: 401 },
    )
  const jar = await cookies()
  const secure = isHttps(req.headers)
  // Switching between http and https leaves no second cookie behind.
  if (secure) jar.delete(SESSION_COOKIE)
  jar.set(sessionCookie(result.token, secure))
  return Response.json({ ok: true })
}
