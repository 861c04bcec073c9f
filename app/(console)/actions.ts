'use server'
// Session actions available on every console page.

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { recordAudit } from '@/lib/audit'
import { clientMeta, currentUser } from '@/lib/auth/current'
import { deleteSession, SESSION_COOKIE } from '@/lib/auth/sessions'
import { getDb } from '@/lib/db'

export async function signOutAction() {
  const jar = await cookies()
  const token = jar.get(SESSION_COOKIE)?.value
  const user = await currentUser()
  if (token) {
    const db = await getDb()
    await deleteSession(db, token)
    if (user) await recordAudit(db, { id: user.id, email: user.email, ip: clientMeta(await headers()).ip }, 'auth.sign_out')
  }
  jar.delete(SESSION_COOKIE)
  redirect('/login')
}
