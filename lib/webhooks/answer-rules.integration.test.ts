import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { asc } from 'drizzle-orm'
import { openDatabase, type Database } from '../db/client'
import { events } from '../db/schema'
import { hasBuild } from '../test/server'
import { suiteScratchDatabase, suiteServer } from '../test/suite'
import { answerRuleSchema } from '../validations/answer-rule'
import { setAnswerRule } from './answer-rules'

// A test answer rule over real sockets: stored first, then the rule's status, body and delay.
const adminUrl = inject('postgresAdminUrl')
const RULE_BODY = '{"error":"injected"} \n<not json-encoded>'

// Signed with a key the console has no secret for: accepted (no_secret), as a new endpoint's are.
const signed = (body: string) => ({
  'content-type': 'application/json',
  signature: createHmac('sha256', 'unknown').update(body).digest('hex'),
})

async function timed(url: string, init: RequestInit) {
  const started = performance.now()
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
  const text = await res.text()
  return { res, text, ms: performance.now() - started }
}

describe.skipIf(!hasBuild() || !adminUrl)('test answers against the production server', () => {
  for (const via of ['server.mjs', 'next start'] as const) {
    describe(via, () => {
      const scratch = suiteScratchDatabase(adminUrl)
      const server = suiteServer(
        () => ({ DATABASE_URL: scratch().url, AUTH_SECRET: 'answer-test-secret-0123456789abcdef' }),
        { via, signal: 'SIGKILL' },
      )
      let database: Database
      beforeAll(async () => {
        database = await openDatabase({ url: scratch().url })
      })
      afterAll(async () => {
        await database?.close()
      })

      it('stores, then answers the next 2 with the rule after its delay; OPTIONS stays at once', async () => {
        const url = `${server().url}/api/webhooks/konpro`
        await setAnswerRule(
          database.db,
          answerRuleSchema.parse({
            provider: 'konpro',
            status: 500,
            mode: 'count',
            count: 2,
            delayMs: 800,
            body: RULE_BODY,
            contentType: 'text/plain; charset=utf-8',
          }),
          null,
        )
        const options = await timed(url, { method: 'OPTIONS' })
        expect(options.res.status).toBe(200)
        expect(options.ms).toBeLessThan(500)

        // A bad signature keeps its 401 and spends nothing.
        const refused = await timed(url, { method: 'POST', body: '{"n":0}' })
        expect(refused.res.status).toBe(401)

        const body = '{"event_type":"avatar_video.success","n":1}'
        const first = await timed(url, { method: 'POST', body, headers: signed(body) })
        expect(first.res.status).toBe(500)
        expect(first.text).toBe(RULE_BODY)
        expect(first.res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
        expect(first.ms).toBeGreaterThanOrEqual(780)
        // The sender's retry: a redelivery, answered by the rule's second turn.
        const retry = await timed(url, { method: 'POST', body, headers: signed(body) })
        expect(retry.res.status).toBe(500)
        const after = await timed(url, { method: 'POST', body, headers: signed(body) })
        expect(after.res.status).toBe(200)
        expect(JSON.parse(after.text)).toMatchObject({ received: true })
        expect(after.ms).toBeLessThan(780)

        const stored = await database.db.select().from(events).orderBy(asc(events.id))
        expect(stored.map((e) => [e.responseStatus, e.answer])).toEqual([
          [401, null],
          [500, { status: 500, delay_ms: 800, rule: { mode: 'count', left: 1 } }],
          [500, { status: 500, delay_ms: 800, rule: { mode: 'count', left: 0 } }],
          [200, null],
        ])
        expect(stored[2]?.duplicateOf).toBe(stored[1]?.id)
        expect(stored[3]?.duplicateOf).toBe(stored[1]?.id)
      }, 30_000)
    })
  }
})
