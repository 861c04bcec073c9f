'use server'
// Personal access tokens (any signed-in user, for their own tokens): create one, shown once; revoke one.

import { revalidatePath } from 'next/cache'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { viewerAction } from '@/lib/auth/action'
import { newTokenSchema, tokenIdSchema } from '@/lib/tokens/schema'
import { createAccessToken, revokeAccessToken } from '@/lib/tokens/tokens'

/** Returns the token once; only its keyed hash is stored, and the audit log names only its prefix. */
export const createAccessTokenAction = viewerAction(
  newTokenSchema,
  async ({ name }, { user, actor, db }) => {
    const created = await createAccessToken(db, user.id, name)
    await recordAudit(db, actor, 'token.created', name, { prefix: created.prefix })
    revalidatePath('/settings/tokens')
    return ok({ name, token: created.token })
  },
)

export const revokeAccessTokenAction = viewerAction(
  tokenIdSchema,
  async (id, { user, actor, db }) => {
    const revoked = await revokeAccessToken(db, user.id, id)
    if (!revoked)
      return {
        ok: false,
        formError: 'That token is already revoked or is not yours. Refresh the page.',
      }
    await recordAudit(db, actor, 'token.revoked', revoked.name, { prefix: revoked.prefix })
    revalidatePath('/settings/tokens')
    return ok(undefined)
  },
)
