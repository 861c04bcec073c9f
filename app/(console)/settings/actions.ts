'use server'
// Console settings changed from the UI (admins only).

import { revalidatePath } from 'next/cache'
import { invalid, ok, type ActionResult } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { authorize } from '@/lib/auth/current'
import { getDb } from '@/lib/db'
import { receiverPolicySchema, setReceiverPolicy } from '@/lib/webhooks/policy'

export async function setReceiverPolicyAction(input: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = receiverPolicySchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const db = await getDb()
  await setReceiverPolicy(db, parsed.data)
  await recordAudit(db, auth.actor, 'settings.changed', 'receiver.policy', parsed.data)
  revalidatePath('/settings')
  return ok(undefined)
}
