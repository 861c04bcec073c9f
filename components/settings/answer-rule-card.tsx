import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { describeRule, ruleIsActive } from '@/lib/webhooks/answer-text'
import { PROVIDERS } from '@/lib/providers/catalog'
import { AnswerRuleForm, type AnswerRuleProps } from './answer-rule-form'

/** One receiver's "Test answers" card: the rule in force, badged while it answers, and its form. */
export function AnswerRuleCard({ provider, rule, canEdit }: AnswerRuleProps) {
  const titleId = `${provider}-test-answers`
  return (
    <Card role="region" aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId} className="flex flex-wrap items-center gap-2">
          Test answers: {PROVIDERS[provider].label}
          {rule ? (
            <Badge variant={ruleIsActive(rule) ? 'warning' : 'muted'}>
              {ruleIsActive(rule) ? 'Rule active' : 'Rule spent'}
            </Badge>
          ) : null}
        </CardTitle>
        <CardDescription>
          To test how a sender retries: accepted deliveries are still stored first, then answered
          with this status and body. Bad signatures keep their 401; OPTIONS checks are never
          delayed.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {rule ? (
          <p className="text-sm font-medium" data-testid={`${provider}-answer-rule`}>
            {describeRule(rule)}.{' '}
            <span className="font-normal text-muted-foreground">
              Set {new Date(rule.updatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
              {rule.updatedBy ? ` by ${rule.updatedBy}` : ''}.
            </span>
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">
            No rule: deliveries get the normal answer.
          </p>
        )}
        <AnswerRuleForm provider={provider} rule={rule} canEdit={canEdit} />
      </CardContent>
    </Card>
  )
}
