import { z } from 'zod'
import { KAYLE_EVENT_TYPE_NAMES, KAYLE_RETENTION_HOURS } from '../providers/kayle/event-catalog'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const url = z
  .string()
  .trim()
  .min(1, 'Enter the URL Kayle should call.')
  .max(2048, 'Kayle accepts URLs up to 2,048 characters.')
  .refine(
    (value) => URL.canParse(value),
    'Enter a full URL such as https://example.com/webhooks/kayle.',
  )
  .refine((value) => {
    if (!URL.canParse(value)) return true
    const { protocol, hostname } = new URL(value)
    return protocol === 'https:' || (protocol === 'http:' && LOCAL_HOSTS.has(hostname))
  }, 'Kayle only calls https:// URLs (http:// is accepted for localhost while developing).')

export const KAYLE_LABEL_MAX = 40

// Typed as "billing, fraud-review"; sent as an array. The checks sit on the whole array so the
// message lands on the labels field, not on an item path the form has no input for.
const labels = z
  .string()
  .transform((text) => [
    ...new Set(
      text
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string())
      .max(8, 'Kayle allows at most 8 labels on an endpoint.')
      .refine((list) => list.every((l) => l.length <= KAYLE_LABEL_MAX), {
        message: `Kayle allows at most ${KAYLE_LABEL_MAX} characters in a label.`,
      }),
  )

/** The Kayle endpoint form, shared by the form and its server actions. */
export const kayleEndpointFormSchema = z.object({
  url,
  name: z.string().trim().max(120, 'Keep the name under 120 characters.'),
  labels,
  enabled: z.boolean(),
  // Empty means every event type.
  eventTypes: z.array(z.enum(KAYLE_EVENT_TYPE_NAMES)),
  retentionHours: z
    .number({ error: 'Choose how long Kayle keeps undelivered payloads.' })
    .refine(
      (h): h is (typeof KAYLE_RETENTION_HOURS)[number] =>
        (KAYLE_RETENTION_HOURS as readonly number[]).includes(h),
      {
        message: 'Choose 0, 24, 72 or 168 hours.',
      },
    ),
})
export type KayleEndpointFormInput = z.input<typeof kayleEndpointFormSchema>
export type KayleEndpointFormValues = z.output<typeof kayleEndpointFormSchema>

export const kayleCreateSchema = kayleEndpointFormSchema.extend({ createKey: z.boolean() })

/** An edit sends only the fields that changed. */
export const kayleUpdateSchema = kayleEndpointFormSchema
  .partial()
  .extend({ id: z.string().min(1) })
  .refine((v) => Object.keys(v).length > 1, { message: 'Nothing changed.' })

export const kayleIdSchema = z.string().trim().min(1).max(200)

export const kayleSecretSchema = z.object({ id: kayleIdSchema, mode: z.enum(['reveal', 'rotate']) })
export const kayleEnabledSchema = z.object({ id: kayleIdSchema, enabled: z.boolean() })
/** A key change: Kayle's own key id (`whk_...`), with the endpoint whose page to refresh. */
export const kayleKeyStateSchema = z.object({
  endpointId: kayleIdSchema,
  keyId: kayleIdSchema,
  active: z.boolean(),
})
export const kayleTestEventSchema = z.object({
  endpointId: kayleIdSchema,
  eventType: z.enum(KAYLE_EVENT_TYPE_NAMES, { error: 'Choose an event type.' }),
})
