'use server'
// Console settings changed from the UI (admins only): the KonPro key and its connection test, receiver policy and test answers, retention,
// hosts allowed for outbound requests.

import { after } from 'next/server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { ok } from '@/lib/actions/result'
import { recordAudit } from '@/lib/audit'
import { adminAction } from '@/lib/auth/action'
import { env } from '@/lib/env'
import { getKonpro } from '@/lib/providers/konpro'
import { createKonproClient } from '@/lib/providers/konpro/client'
import { removeStoredApiKey, storeApiKey } from '@/lib/providers/konpro/connection'
import { isSandbox } from '@/lib/providers/konpro/mode'
import { KonproError } from '@/lib/providers/konpro/errors'
import { addAllowedHost, removeAllowedHost } from '@/lib/net/allowed-hosts'
import {
  formatOutboundHost,
  outboundHostIdSchema,
  outboundHostSchema,
} from '@/lib/validations/outbound-host'
import { apiKeySchema, retentionSchema } from '@/lib/validations/settings'
import {
  answerRuleSchema,
  clearAnswerRule,
  clearAnswerRuleSchema,
  setAnswerRule,
} from '@/lib/webhooks/answer-rules'
import { receiverPolicySchema, setReceiverPolicy } from '@/lib/webhooks/policy'
import { getRetention, purgeEvents, setRetention } from '@/lib/webhooks/retention'

const count = (n: number) => `${n} endpoint${n === 1 ? '' : 's'}`
const connected = (n: number, ms: number) =>
  `Connected: KonPro answered in ${ms} ms and lists ${count(n)}.`

function refresh() {
  revalidatePath('/', 'layout')
}

export const setReceiverPolicyAction = adminAction(
  receiverPolicySchema,
  async (policy, { actor, db }) => {
    await setReceiverPolicy(db, policy)
    await recordAudit(db, actor, 'settings.changed', 'receiver.policy', policy)
    revalidatePath('/settings')
    return ok(undefined)
  },
)

/** Calls endpoint.list with the key in use and says what happened: an outbound call with the team's key. */
export const testConnectionAction = adminAction(z.void(), async () => {
  const started = performance.now()
  const sandbox = await isSandbox()
  const endpoints = await (await getKonpro()).listEndpoints()
  const ms = Math.round(performance.now() - started)
  // Without a key nothing leaves the console: saying "KonPro answered" would claim a connection that was never made.
  if (sandbox) {
    return ok({
      message: `The built-in sandbox answered in ${ms} ms and lists ${count(endpoints.length)}. KonPro itself was not called: store an API key to test it.`,
    })
  }
  return ok({ message: connected(endpoints.length, ms) })
})

/**
 * Stores a key typed into Settings, sealed. It is tried first: a key KonPro rejects is not stored;
 * when KonPro cannot be reached the key is kept and the result says the test failed.
 */
export const storeApiKeyAction = adminAction(apiKeySchema, async ({ apiKey }, { actor, db }) => {
  const config = env()
  if (config.KONPRO_API_KEY) {
    return {
      ok: false,
      formError:
        'KONPRO_API_KEY is set in this server’s environment and wins. Change it there instead.',
    }
  }
  const started = performance.now()
  let outcome: { message: string; tested: boolean }
  try {
    const client = createKonproClient({
      baseUrl: config.KONPRO_API_BASE_URL,
      apiKey,
      keySource: 'stored',
      retries: 0,
    })
    const endpoints = await client.listEndpoints()
    outcome = {
      message: `Key saved. ${connected(endpoints.length, Math.round(performance.now() - started))}`,
      tested: true,
    }
  } catch (error) {
    if (!(error instanceof KonproError)) throw error
    if (error.kind === 'unauthorized') {
      return {
        ok: false,
        fieldErrors: {
          apiKey: [
            'KonPro rejected this key. Check that you copied the whole key, from the right account.',
          ],
        },
      }
    }
    outcome = {
      message: `Key saved, but the connection test failed: ${error.message}`,
      tested: false,
    }
  }
  await storeApiKey(db, apiKey)
  await recordAudit(db, actor, 'settings.changed', 'konpro.api_key', {
    change: 'stored',
    tested: outcome.tested,
  })
  refresh()
  return ok(outcome)
})

export const removeApiKeyAction = adminAction(z.void(), async (_, { actor, db }) => {
  await removeStoredApiKey(db)
  await recordAudit(db, actor, 'settings.changed', 'konpro.api_key', { change: 'removed' })
  refresh()
  return ok(undefined)
})

export const setRetentionAction = adminAction(retentionSchema, async (retention, { actor, db }) => {
  const before = await getRetention(db)
  await setRetention(db, retention)
  await recordAudit(db, actor, 'settings.changed', 'events.retention', {
    from: { retentionDays: before.retentionDays, maxRows: before.maxRows },
    to: retention,
  })
  // Shorter limits apply now, after the answer, without holding up the page.
  after(() =>
    purgeEvents(db, retention).catch((error) =>
      console.error('Retention purge failed; it will run again.', error),
    ),
  )
  revalidatePath('/settings')
  return ok(undefined)
})

/** Lets replays and the sandboxes reach one more host, although it resolves to a private address. */
export const addAllowedHostAction = adminAction(
  outboundHostSchema,
  async ({ host }, { actor, db }) => {
    const written = formatOutboundHost(host)
    const added = await addAllowedHost(db, host, actor.email)
    if (!added) return { ok: false, fieldErrors: { host: [`${written} is already in the list.`] } }
    await recordAudit(db, actor, 'settings.changed', 'outbound.allowed_hosts', {
      change: 'added',
      host: written,
    })
    revalidatePath('/settings')
    return ok({ host: written })
  },
)

export const removeAllowedHostAction = adminAction(
  outboundHostIdSchema,
  async (id, { actor, db }) => {
    const removed = await removeAllowedHost(db, id)
    if (!removed)
      return { ok: false, formError: 'That host was already removed. Refresh the page.' }
    const written = formatOutboundHost(removed)
    await recordAudit(db, actor, 'settings.changed', 'outbound.allowed_hosts', {
      change: 'removed',
      host: written,
    })
    revalidatePath('/settings')
    return ok({ host: written })
  },
)

/** Sets a receiver's test answer; the audit entry keeps the rule, with the body's size only. */
export const setAnswerRuleAction = adminAction(answerRuleSchema, async (rule, { actor, db }) => {
  await setAnswerRule(db, rule, actor.email)
  const { body, ...shown } = rule
  await recordAudit(db, actor, 'settings.changed', `receiver.answer.${rule.provider}`, {
    ...shown,
    bodyBytes: Buffer.byteLength(body),
  })
  // The Events page warns while a rule answers: every page, not only Settings.
  refresh()
  return ok(undefined)
})

export const clearAnswerRuleAction = adminAction(
  clearAnswerRuleSchema,
  async ({ provider }, { actor, db }) => {
    const removed = await clearAnswerRule(db, provider)
    if (removed)
      await recordAudit(db, actor, 'settings.changed', `receiver.answer.${provider}`, {
        change: 'cleared',
      })
    refresh()
    return ok(undefined)
  },
)
