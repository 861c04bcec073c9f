'use client'

import { useTransition } from 'react'
import { useWatch } from 'react-hook-form'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-message'
import { Input, NumberInput } from '@/components/ui/input'
import { Select } from '@/components/ui/select'
import { Textarea } from '@/components/ui/textarea'
import { useActionForm } from '@/components/ui/use-action-form'
import type { AnswerRuleView } from '@/lib/webhooks/answer-text'
import {
  answerRuleSchema,
  MAX_ANSWER_DELAY_MS,
  type AnswerProvider,
  type AnswerRuleInput,
} from '@/lib/validations/answer-rule'
import { clearAnswerRuleAction, setAnswerRuleAction } from '@/app/(console)/settings/actions'

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

export type AnswerRuleProps = {
  provider: AnswerProvider
  rule: AnswerRuleView | null
  canEdit: boolean
}

/** Sets or clears the answer one receiver gives, for testing how a sender retries. */
export function AnswerRuleForm({ provider, rule, canEdit }: AnswerRuleProps) {
  const [clearing, startClearing] = useTransition()
  const { form, onSubmit, formError, hydrated, errors, isSubmitting } = useActionForm({
    schema: answerRuleSchema,
    defaultValues: defaults(provider, rule),
    action: setAnswerRuleAction,
    onSuccess: (_, values) => void toast.success(`Test answer set: ${values.status}.`),
  })
  const mode = useWatch({ control: form.control, name: 'mode' })
  // Each field's id (unique per provider's card) and its error, for its Field.
  const field = (name: keyof AnswerRuleInput, idPart: string = name) => ({
    id: `${provider}-answer-${idPart}`,
    error: errors[name]?.message,
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
        <Field {...field('status')} label="Status">
          <NumberInput {...form.register('status')} />
        </Field>
        <Field {...field('mode')} label="Applies to">
          <Select {...form.register('mode')}>
            <option value="count">Next N deliveries</option>
            <option value="percent">Percentage</option>
            <option value="until_cleared">Until cleared</option>
          </Select>
        </Field>
        {mode === 'until_cleared' ? (
          <div />
        ) : (
          <Field key={mode} {...field(mode)} label={mode === 'count' ? 'Deliveries' : 'Percentage'}>
            <NumberInput {...form.register(mode)} />
          </Field>
        )}
        <Field
          {...field('delayMs', 'delay')}
          label="Delay (ms)"
          hint={`0 to ${MAX_ANSWER_DELAY_MS}, waited after storing`}
        >
          <NumberInput {...form.register('delayMs')} />
        </Field>
        <Field {...field('contentType', 'type')} label="Content type" className="sm:col-span-2">
          <Input {...form.register('contentType')} />
        </Field>
        <Field {...field('body')} label="Body (sent as is)" className="sm:col-span-3">
          <Textarea rows={3} spellCheck={false} className="font-mono" {...form.register('body')} />
        </Field>
      </fieldset>
      <FormError message={formError} />
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
