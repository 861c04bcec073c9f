import { z } from 'zod'
import { PROVIDER_IDS, type ProviderId } from '../providers/catalog'

/** The receivers a test answer can be set for: every provider's, as `events.provider` names them. */
export const ANSWER_PROVIDERS = PROVIDER_IDS
export type AnswerProvider = ProviderId

/** A sender's timeout is seconds, not minutes: a longer delay tests nothing but our own sockets. */
export const MAX_ANSWER_DELAY_MS = 10_000
export const MAX_ANSWER_BODY_BYTES = 4096
export const MAX_ANSWER_COUNT = 1000

const bytes = (s: string) => new TextEncoder().encode(s).byteLength
// A header value the receiver writes as is: a media type and parameters, printable ASCII only.
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;[ -~]*)?$/i

// Form fields arrive as strings; an empty one means "not given", which the mode may require.
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)
const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`)

export const answerRuleSchema = z
  .object({
    provider: z.enum(ANSWER_PROVIDERS),
    status: z.preprocess(blankToUndefined, whole('Status', 200, 599)),
    mode: z.enum(['count', 'percent', 'until_cleared'], { error: 'Choose when the rule applies.' }),
    count: z.preprocess(blankToUndefined, whole('Count', 1, MAX_ANSWER_COUNT).optional()),
    percent: z.preprocess(blankToUndefined, whole('Percentage', 1, 100).optional()),
    delayMs: z.preprocess((v) => blankToUndefined(v) ?? 0, whole('Delay', 0, MAX_ANSWER_DELAY_MS)),
    body: z
      .string()
      .refine(
        (s) => bytes(s) <= MAX_ANSWER_BODY_BYTES,
        `The body can be at most ${MAX_ANSWER_BODY_BYTES} bytes.`,
      ),
    contentType: z
      .string()
      .trim()
      .max(200, 'A content type of at most 200 characters.')
      .regex(MEDIA_TYPE, 'A media type such as application/json or text/plain.'),
  })
  .superRefine((rule, ctx) => {
    if (rule.mode === 'count' && rule.count === undefined)
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'How many deliveries?' })
    if (rule.mode === 'percent' && rule.percent === undefined)
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'What percentage?' })
  })
export type AnswerRuleInput = z.input<typeof answerRuleSchema>
export type AnswerRule = z.output<typeof answerRuleSchema>

export const clearAnswerRuleSchema = z.object({ provider: z.enum(ANSWER_PROVIDERS) })
