import { z } from 'zod'

export const MAX_TEST_PAYLOAD_BYTES = 64 * 1024

/**
 * "Send test event": a sample of the type to every subscribed endpoint, or to one endpoint with a
 * payload the person wrote (prefilled from the type's example).
 */
export const testEventSchema = z.object({
  eventType: z.string().trim().min(1, 'Pick an event type.').max(200),
  endpointId: z.string().trim().min(1).max(200).optional(),
  payload: z
    .string()
    .max(MAX_TEST_PAYLOAD_BYTES, 'Keep the payload under 64 KiB.')
    .superRefine((text, ctx) => {
      try {
        JSON.parse(text)
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `This is not valid JSON: ${(error as Error).message}`,
        })
      }
    })
    .optional(),
})
export type TestEventInput = z.input<typeof testEventSchema>
