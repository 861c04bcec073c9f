'use client'

import { useState, useTransition } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { FieldError, FormError } from '@/components/auth/form-messages'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useHydrated } from '@/components/use-hydrated'
import type { AnswerRuleView } from '@/lib/webhooks/answer-text'
import {
  answerRuleSchema,
  MAX_ANSWER_DELAY_MS,
  type AnswerProvider,
  type AnswerRule,
  type AnswerRuleInput,
} from '@/lib/validations/answer-rule'
import { clearAnswerRuleAction, setAnswerRuleAction } from '@/app/(console)/settings/actions'

const FIELD = 'h-9 min-w-0 rounded-md border border-input bg-card px-3 text-sm shadow-sm'

function defaults(provider: AnswerProvider, rule: AnswerRuleView | null): AnswerRuleInput {
  if (!rule)
    return {
      provider,
      status: 503,
      mode: 'count',
      count: 3,
      percent: 50,
      delayMs: 0,
      body: '{"error":"test answer"}',
      contentType: 'application/json',
    }
  return {
    provider,
    status: rule.status,
    mode: rule.remaining !== null ? 'count' : rule.percent !== null ? 'percent' : 'until_cleared',
    count: rule.remaining || 3,
    percent: rule.percent ?? 50,
    delayMs: rule.delayMs,
    body: rule.body,
    contentType: rule.contentType,
  }
}

/** Sets or clears the answer one receiver gives, for testing how a sender retries. */
export function AnswerRuleForm({
  provider,
  rule,
  canEdit,
}: {
  provider: AnswerProvider
  rule: AnswerRuleView | null
  canEdit: boolean
}) {
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(null)
  const [clearing, startClearing] = useTransition()
  const form = useForm<AnswerRuleInput, unknown, AnswerRule>({
    resolver: zodResolver(answerRuleSchema),
    defaultValues: defaults(provider, rule),
  })
  const { errors, isSubmitting } = form.formState
  const mode = useWatch({ control: form.control, name: 'mode' })
  const id = (field: string) => `${provider}-answer-${field}`

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null)
    const result = await setAnswerRuleAction(values)
    if (result.ok) return void toast.success(`Test answer set: ${values.status}.`)
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {}))
      form.setError(field as keyof AnswerRuleInput, { message: messages?.[0] })
    setError(result.formError ?? null)
  })
  const clear = () =>
    startClearing(async () => {
      const result = await clearAnswerRuleAction({ provider })
      if (result.ok) {
        form.reset(defaults(provider, null))
        toast.success('Test answer cleared: deliveries get the normal answer.')
      } else toast.error(result.formError ?? 'The rule was not cleared.')
    })

  const disabled = !canEdit || !hydrated
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={disabled} className="grid gap-4 sm:grid-cols-3">
        <div className="flex flex-col gap-2">
          <Label htmlFor={id('status')}>Status</Label>
          <Input
            id={id('status')}
            type="number"
            inputMode="numeric"
            aria-invalid={!!errors.status}
            {...form.register('status')}
          />
          <FieldError message={errors.status?.message} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={id('mode')}>Applies to</Label>
          <select id={id('mode')} className={FIELD} {...form.register('mode')}>
            <option value="count">Next N deliveries</option>
            <option value="percent">Percentage</option>
            <option value="until_cleared">Until cleared</option>
          </select>
          <FieldError message={errors.mode?.message} />
        </div>
        {mode === 'count' ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor={id('count')}>Deliveries</Label>
            <Input
              id={id('count')}
              type="number"
              inputMode="numeric"
              aria-invalid={!!errors.count}
              {...form.register('count')}
            />
            <FieldError message={errors.count?.message} />
          </div>
        ) : mode === 'percent' ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor={id('percent')}>Percentage</Label>
            <Input
              id={id('percent')}
              type="number"
              inputMode="numeric"
              aria-invalid={!!errors.percent}
              {...form.register('percent')}
            />
            <FieldError message={errors.percent?.message} />
          </div>
        ) : (
          <div />
        )}
        <div className="flex flex-col gap-2">
          <Label htmlFor={id('delay')}>Delay (ms)</Label>
          <Input
            id={id('delay')}
            type="number"
            inputMode="numeric"
            aria-invalid={!!errors.delayMs}
            aria-describedby={id('delay-hint')}
            {...form.register('delayMs')}
          />
          <p id={id('delay-hint')} className="text-xs text-muted-foreground">
            0 to {MAX_ANSWER_DELAY_MS}, waited after storing
          </p>
          <FieldError message={errors.delayMs?.message} />
        </div>
        <div className="flex flex-col gap-2 sm:col-span-2">
          <Label htmlFor={id('type')}>Content type</Label>
          <Input
            id={id('type')}
            aria-invalid={!!errors.contentType}
            {...form.register('contentType')}
          />
          <FieldError message={errors.contentType?.message} />
        </div>
        <div className="flex flex-col gap-2 sm:col-span-3">
          <Label htmlFor={id('body')}>Body (sent as is)</Label>
          <textarea
            id={id('body')}
            rows={3}
            spellCheck={false}
            className={`${FIELD} h-auto py-2 font-mono`}
            aria-invalid={!!errors.body}
            {...form.register('body')}
          />
          <FieldError message={errors.body?.message} />
        </div>
      </fieldset>
      <FormError message={error} />
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={disabled || isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Set test answer'}
          </Button>
          {rule ? (
            <Button type="button" variant="outline" disabled={disabled || clearing} onClick={clear}>
              {clearing ? 'Clearing…' : 'Clear test answer'}
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  )
}
