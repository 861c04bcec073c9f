import { z } from 'zod'

// Shared by the create form and its action.
export const newTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token, for example "laptop forwarder".')
    .max(80, 'Keep the name under 80 characters.'),
})
export type NewTokenInput = z.input<typeof newTokenSchema>

export const tokenIdSchema = z.number().int().positive()
