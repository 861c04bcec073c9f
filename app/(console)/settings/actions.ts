'use server'
// Console settings changed from the UI: the KonPro key (admins), receiver policy and retention (admins), connection test.

import { after } from 'next/server'
import { revalidatePath } from 'next/cache'
import { invalid, ok, type ActionResult } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { authorize } from '@/lib/auth/current'
import { getDb } from '@/lib/db'
import { env } from '@/lib/env'
import { getKonpro } from '@/lib/konpro'
import { createKonproClient } from '@/lib/konpro/client'
import { removeStoredApiKey, storeApiKey } from '@/lib/konpro/connection'
import { KonproError } from '@/lib/konpro/errors'
import { apiKeySchema, retentionSchema } from '@/lib/validations/settings'
import { receiverPolicySchema, setReceiverPolicy } from '@/lib/webhooks/policy'
import { getRetention, purgeEvents, setRetention } from '@/lib/webhooks/retention'

const connected = (count: number, ms: number) =>
  `Connected: KonPro answered in ${ms} ms and lists ${count} endpoint${count === 1 ? '' : 's'}.`

function refresh() {
  revalidatePath('/', 'layout')
}

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

/** Calls endpoint.list with the key in use and says what happened. */
export async function testConnectionAction(): Promise<ActionResult<{ message: string }>> {
  const auth = await authorize('viewer')
  if (!auth.ok) return auth.result
  const started = performance.now()
  try {
    const endpoints = await (await getKonpro()).listEndpoints()
    return ok({ message: connected(endpoints.length, Math.round(performance.now() - started)) })
  } catch (error) {
    if (error instanceof KonproError) return { ok: false, formError: error.message, kind: error.kind }
    throw error
  }
}

/**
 * Stores a key typed into Settings, sealed. It is tried first: a key KonPro rejects is not stored;
 * when KonPro cannot be reached the key is kept and the result says the test failed.
 */
export async function storeApiKeyAction(input: unknown): Promise<ActionResult<{ message: string; tested: boolean }>> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = apiKeySchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const config = env()
  if (config.KONPRO_API_KEY) {
    return { ok: false, formError: 'KONPRO_API_KEY is set in this server’s environment and wins. Change it there instead.' }
  }
  const started = performance.now()
  let outcome: { message: string; tested: boolean }
  try {
    const client = createKonproClient({ baseUrl: config.KONPRO_API_BASE_URL, apiKey: parsed.data.apiKey, keySource: 'stored', retries: 0 })
    const endpoints = await client.listEndpoints()
    outcome = { message: `Key saved. ${connected(endpoints.length, Math.round(performance.now() - started))}`, tested: true }
  } catch (error) {
    if (!(error instanceof KonproError)) throw error
    if (error.kind === 'unauthorized') {
      return { ok: false, fieldErrors: { apiKey: ['KonPro rejected this key. Check that you copied the whole key, from the right account.'] } }
    }
    outcome = { message: `Key saved, but the connection test failed: ${error.message}`, tested: false }
  }
  const db = await getDb()
  await storeApiKey(db, parsed.data.apiKey)
  await recordAudit(db, auth.actor, 'settings.changed', 'konpro.api_key', { change: 'stored', tested: outcome.tested })
  refresh()
  return ok(outcome)
}

export async function removeApiKeyAction(): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const db = await getDb()
  await removeStoredApiKey(db)
  await recordAudit(db, auth.actor, 'settings.changed', 'konpro.api_key', { change: 'removed' })
  refresh()
  return ok(undefined)
}

export async function setRetentionAction(input: unknown): Promise<ActionResult> {
  const auth = await authorize('admin')
  if (!auth.ok) return auth.result
  const parsed = retentionSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const db = await getDb()
  const before = await getRetention(db)
  await setRetention(db, parsed.data)
  await recordAudit(db, auth.actor, 'settings.changed', 'events.retention', {
    from: { retentionDays: before.retentionDays, maxRows: before.maxRows },
    to: parsed.data,
  })
  // Shorter limits apply now, after the answer, without holding up the page.
  after(() => purgeEvents(db, parsed.data).catch((error) => console.error('Retention purge failed; it will run again.', error)))
  revalidatePath('/settings')
  return ok(undefined)
}
