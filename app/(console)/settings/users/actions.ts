'use server'
// Team management (admins only): add a user with a one-time password, change a role, remove a user.

import { randomBytes } from 'node:crypto'
import { revalidatePath } from 'next/cache'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction } from '@/lib/auth/action'
import {
  changeRole,
  createUser,
  findUserByEmail,
  removeUser,
  type UserChangeProblem,
} from '@/lib/auth/users'
import { changeRoleSchema, newUserSchema, userIdSchema } from '@/lib/validations/auth'

const problems: Record<UserChangeProblem, string> = {
  not_found: 'That user no longer exists. Refresh the page.',
  last_admin: 'This is the last admin. Make someone else an admin first.',
}

/** Returns the one-time password once; only its hash is stored. */
export const addUserAction = adminAction(newUserSchema, async (input, { actor, db }) => {
  if (await findUserByEmail(db, input.email))
    return { ok: false, fieldErrors: { email: ['A user with this email already exists.'] } }
  const password = randomBytes(12).toString('base64url')
  const user = await createUser(db, { ...input, password })
  await recordAudit(db, actor, 'user.added', user.email, { role: user.role })
  revalidatePath('/settings/users')
  return ok({ email: user.email, password })
})

export const changeRoleAction = adminAction(
  changeRoleSchema,
  async ({ userId, role }, { actor, db }) => {
    const result = await changeRole(db, userId, role)
    if (typeof result === 'string') return { ok: false, formError: problems[result] }
    await recordAudit(db, actor, 'user.role_changed', result.email, { role: result.role })
    revalidatePath('/settings/users')
    return ok(undefined)
  },
)

export const removeUserAction = adminAction(userIdSchema, async (userId, { actor, db }) => {
  const result = await removeUser(db, userId)
  if (typeof result === 'string') return { ok: false, formError: problems[result] }
  await recordAudit(db, actor, 'user.removed', result.email)
  revalidatePath('/settings/users')
  return ok(undefined)
})
