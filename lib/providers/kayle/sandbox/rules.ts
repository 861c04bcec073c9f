import 'server-only'
import { importJWK, type JWK } from 'jose'
import { z } from 'zod'
import { deliveryUrlProblem } from '../../sandbox'
import { KAYLE_EVENT_TYPE_NAMES, KAYLE_RETENTION_HOURS } from '../event-catalog'

// The request bodies Kayle documents, with the messages it answers when one is wrong.

/** Kayle delivers only to https; http is accepted for this machine, as in Kayle's development mode. */
export const urlProblem = (value: string) =>
  deliveryUrlProblem(
    value,
    'url must use https:// (http:// is accepted only for localhost and 127.0.0.1)',
  )

const url = z
  .string({ error: 'url is required and must be a string' })
  .max(2048, 'url must be at most 2048 characters')
  .superRefine((value, ctx) => {
    const problem = urlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const fields = {
  name: z
    .string({ error: 'name must be a string' })
    .min(1, 'name must be 1 to 120 characters')
    .max(120, 'name must be 1 to 120 characters'),
  labels: z
    .array(
      z
        .string({ error: 'labels must be strings' })
        .min(1, 'labels must not be empty')
        .max(64, 'each label must be at most 64 characters'),
      {
        error: 'labels must be an array of strings',
      },
    )
    .max(8, 'labels must have at most 8 entries'),
  enabled: z.boolean({ error: 'enabled must be true or false' }),
  subscribed_event_types: z.array(
    z.enum(KAYLE_EVENT_TYPE_NAMES, {
      error: `subscribed_event_types may hold only ${KAYLE_EVENT_TYPE_NAMES.join(', ')}`,
    }),
    {
      error: 'subscribed_event_types must be an array',
    },
  ),
  undelivered_payload_retention_hours: z
    .number({
      error: `undelivered_payload_retention_hours must be one of ${KAYLE_RETENTION_HOURS.join(', ')}`,
    })
    .refine((h) => (KAYLE_RETENTION_HOURS as readonly number[]).includes(h), {
      message: `undelivered_payload_retention_hours must be one of ${KAYLE_RETENTION_HOURS.join(', ')}`,
    }),
}

export const createBody = z.strictObject({
  url,
  name: fields.name.optional(),
  labels: fields.labels.optional(),
  enabled: fields.enabled.optional(),
  subscribed_event_types: fields.subscribed_event_types.optional(),
  undelivered_payload_retention_hours: fields.undelivered_payload_retention_hours.optional(),
})

export const updateBody = createBody.partial().refine((body) => Object.keys(body).length > 0, {
  message:
    'the body must change at least one of name, labels, url, enabled, subscribed_event_types, undelivered_payload_retention_hours',
})

export const keyBody = z.object({
  key_id: z
    .string({ error: 'key_id is required' })
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'key_id must be 1 to 128 letters, digits, or _ . : -'),
  public_jwk: z.record(z.string(), z.unknown(), { error: 'jwk must be a JWK object' }),
})

export const testBody = z.object({
  event_type: z
    .enum(KAYLE_EVENT_TYPE_NAMES, {
      error: `event_type must be one of ${KAYLE_EVENT_TYPE_NAMES.join(', ')}`,
    })
    .optional(),
})

/** Why a JWK cannot be used to encrypt deliveries, or null when it can. */
export async function publicJwkProblem(jwk: Record<string, unknown>): Promise<string | null> {
  if (jwk.kty !== 'RSA') return 'jwk must be an RSA key (kty "RSA")'
  if (['d', 'p', 'q', 'dp', 'dq', 'qi'].some((k) => k in jwk))
    return 'jwk must be a public key: it contains private key material'
  if (jwk.alg !== undefined && jwk.alg !== 'RSA-OAEP-256') return 'jwk alg must be RSA-OAEP-256'
  if (typeof jwk.n !== 'string' || Buffer.from(jwk.n, 'base64url').length * 8 < 2048)
    return 'jwk must be an RSA key of at least 2048 bits'
  try {
    await importJWK(jwk as JWK, 'RSA-OAEP-256')
    return null
  } catch {
    return 'jwk is not a valid RSA public key'
  }
}

/** The first problem zod found, as one sentence for `error.message`. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'the request body is not valid'
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')}`
  return issue.message
}
