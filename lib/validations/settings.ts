import { z } from 'zod'

export const apiKeySchema = z.object({
  apiKey: z
    .string()
    .trim()
    .min(16, 'A KonPro API key is at least 16 characters; paste the whole key.')
    .max(500, 'That is longer than any KonPro API key.')
    .regex(/^\S+$/, 'An API key has no spaces in it.'),
})
export type ApiKeyInput = z.infer<typeof apiKeySchema>

export const retentionSchema = z.object({
  retentionDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Use whole days.')
    .min(1, 'Keep deliveries for at least 1 day.')
    .max(3650, 'At most 3650 days (ten years).'),
  maxRows: z
    .number({ error: 'Enter a number of deliveries.' })
    .int('Use a whole number.')
    .min(1000, 'Keep at least 1,000 deliveries.')
    .max(1_000_000_000, 'At most 1,000,000,000 deliveries.'),
})
export type Retention = z.infer<typeof retentionSchema>
