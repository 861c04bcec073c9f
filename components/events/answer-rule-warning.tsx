import Link from 'next/link'
import { AlertTriangleIcon } from 'lucide-react'
import { PROVIDER_LABELS } from '@/lib/providers/catalog'
import { describeRule, ruleIsActive, type AnswerRuleView } from '@/lib/webhooks/answer-text'

/** While a test answer rule answers deliveries, the log says so: nobody should forget one. */
export function AnswerRuleWarning({
  rules,
}: {
  rules: Array<AnswerRuleView & { provider: string }>
}) {
  const active = rules.filter(ruleIsActive)
  if (active.length === 0) return null
  return (
    <div
      role="status"
      aria-label="Test answer rule active"
      className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-warning"
    >
      <AlertTriangleIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <p className="min-w-0 break-words">
        <span className="font-medium">Test answer active.</span>{' '}
        {active
          .map((r) => `${PROVIDER_LABELS[r.provider] ?? r.provider} receiver: ${describeRule(r)}.`)
          .join(' ')}{' '}
        <Link href="/settings" className="underline underline-offset-4">
          Change or clear it in Settings
        </Link>
      </p>
    </div>
  )
}
