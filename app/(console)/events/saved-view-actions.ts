'use server'
// Saved views on /events: any signed-in user saves, renames and deletes their own named filter sets.

import { revalidatePath } from 'next/cache'
import { ok } from '@/lib/actions/result'
import { viewerAction } from '@/lib/auth/action'
import { createSavedView, deleteSavedView, renameSavedView } from '@/lib/events/saved-views'
import {
  deleteViewSchema,
  duplicateViewName,
  renameViewSchema,
  saveViewSchema,
} from '@/lib/validations/saved-view'

const gone = {
  ok: false as const,
  formError: 'That view is no longer there (deleted in another tab?). Refresh the page.',
}

export const saveViewAction = viewerAction(saveViewSchema, async (view, { user, db }) => {
  const saved = await createSavedView(db, user.id, view)
  if (saved === 'duplicate')
    return { ok: false, fieldErrors: { name: [duplicateViewName(view.name)] } }
  revalidatePath('/events')
  return ok(saved)
})

export const renameViewAction = viewerAction(
  renameViewSchema,
  async ({ id, name }, { user, db }) => {
    const renamed = await renameSavedView(db, user.id, id, name)
    if (renamed === 'duplicate')
      return { ok: false, fieldErrors: { name: [duplicateViewName(name)] } }
    if (!renamed) return gone
    revalidatePath('/events')
    return ok(renamed)
  },
)

export const deleteViewAction = viewerAction(deleteViewSchema, async ({ id }, { user, db }) => {
  const deleted = await deleteSavedView(db, user.id, id)
  if (!deleted) return gone
  revalidatePath('/events')
  return ok(deleted)
})
