import { z } from 'zod'

// Shared by the "Send again" form and its action.
export const replaySchema = z
  .object({
    eventId: z.number().int().positive(),
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
  })
  .refine((v) => v.mode === 'original' || !!v.endpointId, {
    path: ['endpointId'],
    message: 'Choose the endpoint whose secret signs it.',
  })
export type ReplayInput = z.input<typeof replaySchema>
