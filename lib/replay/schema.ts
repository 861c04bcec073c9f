import { z } from 'zod'
import { eventFiltersSchema } from '../validations/event-filters'

// Where a replay goes and how it is signed: the same fields and rules for one delivery and for many.
const targetFields = {
  url: z
    .string()
    .trim()
    .min(1, 'Enter the URL to send this delivery to.')
    .max(2048, 'Keep the URL under 2048 characters.')
    .refine(
      (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
      'Enter a full http:// or https:// URL.',
    ),
  mode: z.enum(['original', 'resigned']),
  endpointId: z.string().trim().max(200).optional(),
}

const endpointWhenResigned = {
  check: (v: { mode: string; endpointId?: string }) => v.mode === 'original' || !!v.endpointId,
  params: { path: ['endpointId'], message: 'Choose the endpoint whose secret signs it.' },
}

// Shared by the "Send again" form and its action.
export const replaySchema = z
  .object({ eventId: z.number().int().positive(), ...targetFields })
  .refine(endpointWhenResigned.check, endpointWhenResigned.params)
export type ReplayInput = z.input<typeof replaySchema>

export const BULK_CAP_DEFAULT = 100
export const BULK_CAP_MAX = 1000
/** Ids per server call: small enough that one call ends well within a function's time limit. */
export const BULK_BATCH_SIZE = 10

// Shared by the bulk "Send again…" dialog and the action that picks the deliveries: the list's own
// filters (parsed by the list's schema), the target, and how many at most.
export const bulkReplaySchema = z
  .object({
    filters: eventFiltersSchema,
    ...targetFields,
    cap: z.coerce
      .number({ error: 'Enter how many deliveries to send at most.' })
      .int('Enter a whole number.')
      .min(1, 'Send at least one.')
      .max(BULK_CAP_MAX, `At most ${BULK_CAP_MAX.toLocaleString('en')} in one run.`),
  })
  .refine(endpointWhenResigned.check, endpointWhenResigned.params)
export type BulkReplayInput = z.input<typeof bulkReplaySchema>

/** One batch of a bulk run, as the dialog sends it. */
export const bulkBatchSchema = z
  .object({
    run: z.uuid(),
    ids: z.array(z.number().int().positive()).min(1).max(BULK_BATCH_SIZE),
    ...targetFields,
  })
  .refine(endpointWhenResigned.check, endpointWhenResigned.params)
export type BulkBatchInput = z.input<typeof bulkBatchSchema>

export const bulkCountSchema = z.object({ filters: eventFiltersSchema })
