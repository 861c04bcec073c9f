import type { RecordedAnswer } from '../db/schema'

/** How the console words a recorded answer: "Answered 503 (test answer rule, 2 left)". */
export function describeAnswer(answer: RecordedAnswer): string {
  const rule = answer.rule
  const why = !rule
    ? ''
    : rule.mode === 'count'
      ? `, ${rule.left} left`
      : rule.mode === 'percent'
        ? `, ${rule.percent}% of deliveries`
        : ', until cleared'
  const delay = answer.delay_ms > 0 ? ` after ${answer.delay_ms} ms` : ''
  return `Answered ${answer.status}${delay} (test answer rule${why})`
}

/** A receiver's rule as pages show it (JSON-safe). */
export interface AnswerRuleView {
  status: number
  remaining: number | null
  percent: number | null
  delayMs: number
  body: string
  contentType: string
  updatedAt: string
  updatedBy: string | null
}

/** Whether the rule still answers deliveries (a spent "next N" rule does not). */
export const ruleIsActive = (rule: Pick<AnswerRuleView, 'remaining'>) =>
  rule.remaining === null || rule.remaining > 0

/** "Answering 500 to the next 3 deliveries, after 2000 ms", for badges and the rule card. */
export function describeRule(rule: AnswerRuleView): string {
  if (!ruleIsActive(rule)) return `Spent: its deliveries were answered ${rule.status}`
  const which =
    rule.remaining === 1
      ? 'the next delivery'
      : rule.remaining !== null
        ? `the next ${rule.remaining} deliveries`
        : rule.percent !== null
          ? `${rule.percent}% of deliveries`
          : 'every delivery until cleared'
  return `Answering ${rule.status} to ${which}${rule.delayMs > 0 ? `, after ${rule.delayMs} ms` : ''}`
}
