import 'server-only'
import { asc, eq, sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../db/client'
import { receiverAnswers, type ReceiverAnswer, type RecordedAnswer } from '../db/schema'
import type { AnswerProvider, AnswerRule } from '../validations/answer-rule'
import { processSingleton } from '../runtime'
import type { AnswerRuleView } from './answer-text'

export { answerRuleSchema, clearAnswerRuleSchema } from '../validations/answer-rule'

/** The rule as pages show it; a spent "next N" rule stays listed until cleared. */
export const ruleView = (rule: ReceiverAnswer): AnswerRuleView => ({
  status: rule.status,
  remaining: rule.remaining,
  percent: rule.percent,
  delayMs: rule.delayMs,
  body: rule.body,
  contentType: rule.contentType,
  updatedAt: rule.updatedAt.toISOString(),
  updatedBy: rule.updatedBy,
})

export async function getAnswerRule(db: Db, provider: string): Promise<ReceiverAnswer | null> {
  const [row] = await db
    .select()
    .from(receiverAnswers)
    .where(eq(receiverAnswers.provider, provider))
  return row ?? null
}

/** Every receiver's rule, as pages show them. */
export async function listAnswerRules(
  db: Db,
): Promise<Array<AnswerRuleView & { provider: string }>> {
  const rows = await db.select().from(receiverAnswers).orderBy(asc(receiverAnswers.provider))
  return rows.map((r) => ({ provider: r.provider, ...ruleView(r) }))
}

/** Sets (or replaces) a receiver's rule; a new "next N" starts counting from N again. */
export async function setAnswerRule(db: Db, rule: AnswerRule, updatedBy: string | null) {
  const values = {
    status: rule.status,
    remaining: rule.mode === 'count' ? (rule.count ?? null) : null,
    percent: rule.mode === 'percent' ? (rule.percent ?? null) : null,
    delayMs: rule.delayMs,
    body: rule.body,
    contentType: rule.contentType,
    updatedAt: new Date(),
    updatedBy,
  }
  await db
    .insert(receiverAnswers)
    .values({ provider: rule.provider, ...values })
    .onConflictDoUpdate({ target: receiverAnswers.provider, set: values })
  forget()
}

/** Removes the rule; whether there was one, so the audit log says what changed. */
export async function clearAnswerRule(db: Db, provider: AnswerProvider): Promise<boolean> {
  const removed = await db
    .delete(receiverAnswers)
    .where(eq(receiverAnswers.provider, provider))
    .returning({ provider: receiverAnswers.provider })
  forget()
  return removed.length > 0
}

// Whether any rule exists, per process (globalThis: every route bundle and the actions share it).
// Deliveries read it instead of the table, so a burst without a rule costs one read a second, not
// one a delivery. A rule set here applies at once; set by another instance, within a second.
const EXISTS_MAX_AGE_MS = 1_000
type Exists = { at: number; providers: Promise<Set<string>> }
const store = processSingleton('answer-rules.exists', () => ({ current: null as Exists | null }))

function forget() {
  store.current = null
}

/** Whether `provider` may have a rule; false skips the statement for a delivery entirely. */
export async function mayHaveRule(db: Db, provider: string): Promise<boolean> {
  let exists = store.current
  if (!exists || Date.now() - exists.at > EXISTS_MAX_AGE_MS) {
    const providers = db
      .select({ provider: receiverAnswers.provider })
      .from(receiverAnswers)
      .then((rows) => new Set(rows.map((r) => r.provider)))
    exists = store.current = { at: Date.now(), providers }
    // A failed read is not kept: the next delivery reads again.
    providers.catch(() => store.current === exists && forget())
  }
  return (await exists.providers).has(provider)
}

export interface ChosenAnswer {
  status: number
  delayMs: number
  body: string
  contentType: string
  rule: NonNullable<RecordedAnswer['rule']>
}

interface ChosenRow {
  status: number
  delay_ms: number
  body: string
  content_type: string
  remaining: number | null
  percent: number | null
}

/**
 * Whether a rule answers the stored delivery `eventId`, and with what. One statement takes a
 * "next N" delivery (the row's own UPDATE ... WHERE remaining > 0, so parallel requests and other
 * instances on the same database never take more than N), rolls a percentage, and records the
 * answer on the event (events.answer and response_status, so lists show what the sender got).
 * Called only after the delivery was stored and accepted: a refused or unstored delivery never
 * spends a count. A rule with no count left, or none at all, gives null: the normal answer.
 */
export async function chooseAnswer(
  db: Db,
  provider: string,
  eventId: number,
): Promise<ChosenAnswer | null> {
  if (!(await mayHaveRule(db, provider))) return null
  const [row] = rowsOf<ChosenRow>(
    await db.execute(sql`
      with counted as (
        update receiver_answers set remaining = remaining - 1
        where provider = ${provider} and remaining > 0
        returning status, delay_ms, body, content_type, remaining, percent
      ), uncounted as (
        select status, delay_ms, body, content_type, remaining, percent from receiver_answers
        where provider = ${provider} and remaining is null
          and (percent is null or random() * 100 < percent)
      ), chosen as (
        select * from counted union all select * from uncounted
      ), recorded as (
        update events set response_status = chosen.status, answer = jsonb_build_object(
          'status', chosen.status, 'delay_ms', chosen.delay_ms, 'rule',
          case when chosen.remaining is not null then jsonb_build_object('mode', 'count', 'left', chosen.remaining)
            when chosen.percent is not null then jsonb_build_object('mode', 'percent', 'percent', chosen.percent)
            else jsonb_build_object('mode', 'until_cleared') end)
        from chosen where events.id = ${eventId}
      )
      select * from chosen`),
  )
  if (!row) return null
  return {
    status: row.status,
    delayMs: row.delay_ms,
    body: row.body,
    contentType: row.content_type,
    rule:
      row.remaining !== null
        ? { mode: 'count', left: row.remaining }
        : row.percent !== null
          ? { mode: 'percent', percent: row.percent }
          : { mode: 'until_cleared' },
  }
}
