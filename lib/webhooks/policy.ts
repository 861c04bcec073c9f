import 'server-only'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../db/client'
import { settings } from '../db/schema'
import type { Verdict } from '../events/types'

export const POLICY_KEY = 'receiver.policy'
export const receiverPolicySchema = z.object({ rejectUnsigned: z.boolean() })
export type ReceiverPolicy = z.infer<typeof receiverPolicySchema>
export const DEFAULT_POLICY: ReceiverPolicy = { rejectUnsigned: true }

let cached: { at: number; policy: ReceiverPolicy } | null = null
let reading: Promise<ReceiverPolicy> | null = null

/**
 * The receivers read this on every delivery, so it is cached for `maxAgeMs` and a burst shares one
 * read. A failed read (a pool exhausted by that burst) keeps the last policy known, or the strict
 * default: a delivery is still stored and answered when its policy cannot be read.
 */
export async function getReceiverPolicy(db: Db, maxAgeMs = 5_000): Promise<ReceiverPolicy> {
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.policy
  if (reading) return reading
  const read = (async () => {
    try {
      const [row] = await db.select().from(settings).where(eq(settings.key, POLICY_KEY))
      const parsed = receiverPolicySchema.safeParse(row?.value)
      cached = { at: Date.now(), policy: parsed.success ? parsed.data : DEFAULT_POLICY }
      return cached.policy
    } catch {
      return cached?.policy ?? DEFAULT_POLICY
    }
  })()
  reading = read
  void read.finally(() => {
    if (reading === read) reading = null
  })
  return read
}

export async function setReceiverPolicy(db: Db, policy: ReceiverPolicy) {
  await db
    .insert(settings)
    .values({ key: POLICY_KEY, value: policy })
    .onConflictDoUpdate({ target: settings.key, set: { value: policy, updatedAt: new Date() } })
  cached = null
  reading = null
}

/** The status a delivery is answered with: invalid signatures always 401, unsigned per policy. */
export function statusFor(verdict: Verdict, policy: ReceiverPolicy): 200 | 401 {
  if (verdict === 'invalid') return 401
  if (verdict === 'unsigned' && policy.rejectUnsigned) return 401
  return 200
}
