'use server'
// Team management (admins only): add a user with a one-time password, change a role, remove a user.

import { randomBytes } from 'node:crypto'
import { revalidatePath } from 'next/cache'
import { invalid, ok, type ActionResult } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { authorize } from '@/lib/auth/current'
import { changeRole, createUser, findUserByEmail, removeUser, type UserChangeProblem } from '@/lib/auth/users'
import { getDb } from '@/lib/db'
import { changeRoleSchema, newUserSchema, userIdSchema } from '@/lib/validations/auth'

const problems: Record<UserChangeProblem, string> = {
  not_found: 'That user no longer exists. Refresh the page.',
  last_admin: 'This is the last admin. Make someone else an admin first.',
}

/** Returns the one-time password once; only its hash is stored. */
export async function addUserAction(input: unknown): Promise<ActionResult<{ email: string; password: string }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = newUserSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const db = await getDb()
  if (await findUserByEmail(db, parsed.data.email)) return { ok: false, fieldErrors: { email: ['A user with this email already exists.'] } }
  const password = randomBytes(12).toString('base64url')
  const user = await createUser(db, { ...parsed.data, password })
  await recordAudit(db, auth.actor, 'user.added', user.email, { role: user.role })
  revalidatePath('/settings/users')
  return ok({ email: user.email, password })
}

export async function changeRoleAction(input: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = changeRoleSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const db = await getDb()
  const result = await changeRole(db, parsed.data.userId, parsed.data.role)
  if (typeof result === 'string') return { ok: false, formError: problems[result] }
  await recordAudit(db, auth.actor, 'user.role_changed', result.email, { role: result.role })
  revalidatePath('/settings/users')
  return ok(undefined)
}

export async function removeUserAction(userId: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = userIdSchema.safeParse(userId)
  if (!parsed.success) return invalid(parsed.error)
  const db = await getDb()
  const result = await removeUser(db, parsed.data)
  if (typeof result === 'string') return { ok: false, formError: problems[result] }
  await recordAudit(db, auth.actor, 'user.removed', result.email)
  revalidatePath('/settings/users')
  return ok(undefined)
}
