'use server'
// First-run setup: creates the first admin while no user exists, then signs them in.

import { cookies, headers } from 'next/headers'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { publicAction } from '@/lib/auth/action'
import { clientMeta, isHttps, sessionCookie } from '@/lib/auth/current'
import { createSession } from '@/lib/auth/sessions'
import { createFirstAdmin } from '@/lib/auth/users'
import { getDb } from '@/lib/db'
import { setupSchema } from '@/lib/validations/auth'

export const setupAction = publicAction(setupSchema, async (input) => {
  const db = await getDb()
  const admin = await createFirstAdmin(db, input)
  if (!admin) return { ok: false, formError: 'This console already has an admin. Sign in instead.' }
  const h = await headers()
  const meta = clientMeta(h)
  const token = await createSession(db, admin.id, meta)
  ;(await cookies()).set(sessionCookie(token, isHttps(h)))
  await recordAudit(
    db,
    { id: admin.id, email: admin.email, ip: meta.ip },
    'user.added',
    admin.email,
    { role: 'admin', via: 'setup' },
  )
  return ok(undefined)
})
