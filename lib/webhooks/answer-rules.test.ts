import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { openDatabase, rowsOf, type Db } from '../db/client'
import { events } from '../db/schema'
import { describeEachDatabase } from '../test/databases'
import { storedRow } from '../test/event-rows'
import { answerRuleSchema, type AnswerRuleInput } from '../validations/answer-rule'
import { chooseAnswer, clearAnswerRule, getAnswerRule, setAnswerRule } from './answer-rules'
import { ruleIsActive } from './answer-text'
import { storeAndAnswer } from './receive'
import { createEventWriter } from '../events/writer'

const input = (over: Partial<AnswerRuleInput> = {}): AnswerRuleInput => ({
  provider: 'konpro',
  status: '500',
  mode: 'count',
  count: '5',
  percent: '',
  delayMs: '',
  body: '{"error":"test"}',
  contentType: 'application/json',
  ...over,
})
const rule = (over: Partial<AnswerRuleInput> = {}) => answerRuleSchema.parse(input(over))
const fieldsOf = (over: Partial<AnswerRuleInput>) => {
  const parsed = answerRuleSchema.safeParse(input(over))
  return parsed.success ? {} : parsed.error.flatten().fieldErrors
}

describe('answer rule schema', () => {
  it('takes a form as typed: strings coerced, a blank delay is none', () => {
    expect(rule()).toMatchObject({ status: 500, mode: 'count', count: 5, delayMs: 0 })
    expect(rule({ status: '200', delayMs: '10000' })).toMatchObject({ status: 200, delayMs: 10000 })
  })

  it('names the field at fault', () => {
    expect(fieldsOf({ status: '99' }).status).toEqual(['Status must be at least 200.'])
    expect(fieldsOf({ status: '600' }).status).toBeDefined()
    expect(fieldsOf({ status: '' }).status).toBeDefined()
    expect(fieldsOf({ delayMs: '10001' }).delayMs).toBeDefined()
    expect(fieldsOf({ delayMs: '-1' }).delayMs).toBeDefined()
    expect(fieldsOf({ count: '' }).count).toEqual(['How many deliveries?'])
    expect(fieldsOf({ mode: 'percent', percent: '0' }).percent).toBeDefined()
    expect(fieldsOf({ mode: 'percent', percent: '101' }).percent).toBeDefined()
    expect(fieldsOf({ mode: 'percent', percent: '' }).percent).toEqual(['What percentage?'])
    expect(fieldsOf({ body: 'é'.repeat(2049) }).body).toBeDefined()
    expect(fieldsOf({ body: 'x'.repeat(4096) })).toEqual({})
    expect(fieldsOf({ contentType: 'text/plain\r\nx-injected: 1' }).contentType).toBeDefined()
    expect(fieldsOf({ mode: 'until_cleared', count: '' })).toEqual({})
  })
})

async function storedEvent(db: Db) {
  const [row] = await db.insert(events).values(storedRow()).returning({ id: events.id })
  return row!.id
}

describeEachDatabase('test answer rules', (fresh) => {
  it('answers nothing special without a rule, and leaves the event as stored', async () => {
    const { db } = await fresh()
    const id = await storedEvent(db)
    expect(await chooseAnswer(db, 'konpro', id)).toBeNull()
    const [row] = await db.select().from(events).where(eq(events.id, id))
    expect(row).toMatchObject({ answer: null, responseStatus: 200 })
  })

  it('gives "next 5" to exactly 5 of 20 parallel deliveries and records each answer', async () => {
    const { db } = await fresh()
    await setAnswerRule(db, rule({ count: '5', delayMs: '20' }), 'admin@x.test')
    const ids = await Promise.all(Array.from({ length: 20 }, () => storedEvent(db)))
    const chosen = await Promise.all(ids.map((id) => chooseAnswer(db, 'konpro', id)))
    const taken = chosen.filter((c) => c !== null)
    expect(taken).toHaveLength(5)
    expect(taken.map((c) => (c.rule.mode === 'count' ? c.rule.left : -1)).sort()).toEqual([
      0, 1, 2, 3, 4,
    ])
    expect(taken[0]).toMatchObject({ status: 500, delayMs: 20, body: '{"error":"test"}' })
    const recorded = rowsOf<{ n: number; s: number }>(
      await db.execute(
        sql`select count(*)::int as n, min(response_status)::int as s from events where answer is not null`,
      ),
    )
    expect(recorded[0]).toEqual({ n: 5, s: 500 })
    const spent = await getAnswerRule(db, 'konpro')
    expect(spent?.remaining).toBe(0)
    expect(ruleIsActive(spent!)).toBe(false)
    // The other receiver has no rule.
    expect(await chooseAnswer(db, 'kayle', ids[0]!)).toBeNull()
  })

  it('counts once across two instances sharing the database', async () => {
    const first = await fresh()
    const second = await openDatabase({ url: first.url! })
    try {
      await setAnswerRule(first.db, rule({ count: '7' }), null)
      const ids = await Promise.all(Array.from({ length: 30 }, () => storedEvent(first.db)))
      const chosen = await Promise.all(
        ids.map((id, i) => chooseAnswer(i % 2 ? second.db : first.db, 'konpro', id)),
      )
      expect(chosen.filter(Boolean)).toHaveLength(7)
    } finally {
      await second.close()
    }
  })

  it('answers every delivery until cleared, and a percentage of them', async () => {
    const { db } = await fresh()
    await setAnswerRule(db, rule({ mode: 'until_cleared', status: '503' }), null)
    const id = await storedEvent(db)
    for (let i = 0; i < 3; i++)
      expect(await chooseAnswer(db, 'konpro', id)).toMatchObject({
        status: 503,
        rule: { mode: 'until_cleared' },
      })
    expect((await getAnswerRule(db, 'konpro'))?.remaining).toBeNull()
    expect(await clearAnswerRule(db, 'konpro')).toBe(true)
    expect(await chooseAnswer(db, 'konpro', id)).toBeNull()
    expect(await clearAnswerRule(db, 'konpro')).toBe(false)

    await setAnswerRule(db, rule({ mode: 'percent', percent: '50' }), null)
    const rolls = await Promise.all(
      Array.from({ length: 200 }, () => chooseAnswer(db, 'konpro', id)),
    )
    const hits = rolls.filter(Boolean).length
    // 200 rolls at 50 %: outside 60..140 is more than five standard deviations away.
    expect(hits).toBeGreaterThan(60)
    expect(hits).toBeLessThan(140)
    await setAnswerRule(db, rule({ mode: 'percent', percent: '100' }), null)
    expect(await chooseAnswer(db, 'konpro', id)).toMatchObject({
      rule: { mode: 'percent', percent: 100 },
    })
  })

  it('spends a count only on stored, accepted deliveries; a refused one keeps its 401', async () => {
    const { db } = await fresh()
    const writer = createEventWriter(db)
    await setAnswerRule(db, rule({ count: '1', body: 'nope', contentType: 'text/plain' }), null)
    const row = { ...storedRow(), dedupeKey: 'k1' }
    const refused = await storeAndAnswer(
      { writer, db },
      { ...row, responseStatus: 401, rejected: true },
      'bad signature',
    )
    expect(refused.status).toBe(401)
    expect((await getAnswerRule(db, 'konpro'))?.remaining).toBe(1)

    const ruled = await storeAndAnswer({ writer, db }, row, '')
    expect(ruled).toMatchObject({
      status: 500,
      raw: 'nope',
      headers: { 'content-type': 'text/plain' },
    })
    // The retry is a redelivery: still stored as a copy of the first, answered normally now.
    const normal = await storeAndAnswer({ writer, db }, row, '')
    expect(normal.status).toBe(200)
    expect(normal.body).toMatchObject({ received: true })
    const stored = await db.select().from(events).orderBy(events.id)
    expect(stored.map((e) => [e.responseStatus, e.answer?.status ?? null])).toEqual([
      [401, null],
      [500, 500],
      [200, null],
    ])
    expect(stored.map((e) => e.duplicateOf)).toEqual([null, stored[0]!.id, stored[0]!.id])
  })
})
