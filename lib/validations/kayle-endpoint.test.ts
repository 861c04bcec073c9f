import { describe, expect, it } from 'vitest'
import { kayleEndpointFormSchema } from './kayle-endpoint'

const base = {
  url: 'https://example.com/webhooks/kayle',
  name: '',
  labels: '',
  enabled: true,
  eventTypes: [],
  retentionHours: 72,
}

describe('kayle endpoint form', () => {
  it('accepts a 40-character label, as Kayle does', () => {
    const parsed = kayleEndpointFormSchema.safeParse({ ...base, labels: 'a'.repeat(40) })
    expect(parsed.success).toBe(true)
  })

  it('refuses a 41-character label with a message on the labels field', () => {
    const parsed = kayleEndpointFormSchema.safeParse({
      ...base,
      labels: `billing, ${'a'.repeat(41)}`,
    })
    expect(parsed.success).toBe(false)
    const issue = parsed.error!.issues[0]!
    // The form has one labels input; an item path such as labels.1 would show no message at all.
    expect(issue.path).toEqual(['labels'])
    expect(issue.message).toMatch(/40 characters/)
  })

  it('refuses a ninth label', () => {
    const parsed = kayleEndpointFormSchema.safeParse({ ...base, labels: 'a,b,c,d,e,f,g,h,i' })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]!.message).toMatch(/at most 8 labels/)
  })
})
