import { z } from 'zod'

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]']

/** KonPro delivers only over https; the sandbox also reaches this machine over plain http. */
export const endpointUrl = z
  .string()
  .trim()
  .min(1, 'Enter the URL KonPro should send events to.')
  .max(2048, 'Keep the URL under 2,048 characters.')
  .superRefine((value, ctx) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter a full URL, such as https://example.com/webhooks/konpro.',
      })
      return
    }
    if (url.protocol === 'https:') return
    if (url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname)) return
    ctx.addIssue({
      code: 'custom',
      message:
        'KonPro only delivers over HTTPS (SSL), so the URL must start with https://. Plain http works only for localhost in the sandbox.',
    })
  })

/** An empty list subscribes to every event, as KonPro documents. */
export const eventList = z.array(z.string().trim().min(1)).max(100, 'Pick at most 100 event types.')

export const endpointFormSchema = z.object({
  url: endpointUrl,
  events: eventList,
  entityId: z.string().trim().max(200, 'Keep the entity ID under 200 characters.'),
})
export type EndpointFormValues = z.infer<typeof endpointFormSchema>

/** What an edit sends: only the fields that changed, and at least one of them. */
export const endpointUpdateSchema = z
  .object({
    endpointId: z.string().min(1),
    url: endpointUrl.optional(),
    events: eventList.optional(),
  })
  .refine((v) => v.url !== undefined || v.events !== undefined, {
    message: 'Nothing changed, so there is nothing to save.',
  })
export type EndpointUpdate = z.infer<typeof endpointUpdateSchema>

export const endpointIdSchema = z.string().min(1).max(200)

export const endpointFiltersSchema = z.object({
  q: z.string().trim().max(200).catch('').default(''),
  event: z.string().trim().max(200).catch('').default(''),
})
export type EndpointFilters = z.infer<typeof endpointFiltersSchema>

/** The changed fields of an edit, comparing event lists as sets. */
export function changedFields(
  original: { url: string; events: string[] },
  next: { url: string; events: string[] },
) {
  const sameEvents =
    original.events.length === next.events.length &&
    next.events.every((e) => original.events.includes(e))
  return {
    ...(next.url.trim() !== original.url ? { url: next.url.trim() } : {}),
    ...(sameEvents ? {} : { events: next.events }),
  }
}
