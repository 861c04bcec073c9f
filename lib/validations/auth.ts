import { z } from 'zod'
import { isCommonPassword } from './common-passwords'

export const MIN_PASSWORD_LENGTH = 12

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter an email address such as ana@example.com.' }))
/** The rule for a password someone chooses; the form and the action share it. */
export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, 'Keep the password under 200 characters.')
  .refine(
    (p) => !isCommonPassword(p),
    'This password is among the most common ones (or one character repeated); choose another.',
  )

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(200),
})

export const setupSchema = z
  .object({ email, password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'The two passwords differ.',
  })

export const roleSchema = z.enum(['admin', 'viewer'])
export type Role = z.infer<typeof roleSchema>

export const newUserSchema = z.object({ email, role: roleSchema })
export const changeRoleSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: roleSchema,
})
export const userIdSchema = z.coerce.number().int().positive()

export const auditFiltersSchema = z.object({
  action: z.string().trim().max(100).catch('').default(''),
  actor: z.string().trim().max(200).catch('').default(''),
})
