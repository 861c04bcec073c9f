'use server'
// Session actions available on every console page.

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { recordAudit } from '@/lib/audit'
import { clientMeta, currentUser, sessionToken } from '@/lib/auth/current'
import { deleteSession, SESSION_COOKIE_NAMES } from '@/lib/auth/sessions'
import { getDb } from '@/lib/db'

export async function signOutAction() {
  const jar = await cookies()
  const token = await sessionToken()
  const user = await currentUser()
  if (token) {
    const db = await getDb()
    await deleteSession(db, token)
    if (user)
      await recordAudit(
        db,
        { id: user.id, email: user.email, ip: clientMeta(await headers()).ip },
        'auth.sign_out',
      )
  }
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name)
  redirect('/login')
}
