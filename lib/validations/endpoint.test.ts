import { describe, expect, it } from 'vitest'
import { changedFields, endpointFormSchema, endpointUpdateSchema } from './endpoint'

describe('endpoint form schema', () => {
  const valid = { url: 'https://example.com/hooks', events: [], entityId: '' }

  it('accepts https, and http only for this machine', () => {
    expect(endpointFormSchema.safeParse(valid).success).toBe(true)
    expect(
      endpointFormSchema.safeParse({ ...valid, url: 'http://localhost:3000/api/webhooks/konpro' })
        .success,
    ).toBe(true)
    expect(endpointFormSchema.safeParse({ ...valid, url: 'http://127.0.0.1:9/x' }).success).toBe(
      true,
    )
  })

  it.each([
    ['', 'Enter the URL KonPro should send events to.'],
    ['example.com/hooks', 'Enter a full URL'],
    ['http://example.com/hooks', 'KonPro only delivers over HTTPS'],
    ['ftp://example.com', 'KonPro only delivers over HTTPS'],
  ])('explains why %j is refused', (url, message) => {
    const result = endpointFormSchema.safeParse({ ...valid, url })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['url'])
    expect(result.error?.issues[0]?.message).toContain(message)
  })

  it('trims the URL', () => {
    expect(endpointFormSchema.parse({ ...valid, url: '  https://a.test/x ' }).url).toBe(
      'https://a.test/x',
    )
  })
})

describe('edits', () => {
  const original = {
    url: 'https://a.test/x',
    events: ['avatar_video.success', 'avatar_video.fail'],
  }

  it('sends only what changed, comparing events as a set', () => {
    expect(
      changedFields(original, {
        url: 'https://a.test/x',
        events: ['avatar_video.fail', 'avatar_video.success'],
      }),
    ).toEqual({})
    expect(changedFields(original, { url: 'https://a.test/y', events: original.events })).toEqual({
      url: 'https://a.test/y',
    })
    expect(changedFields(original, { url: original.url, events: [] })).toEqual({ events: [] })
  })

  it('refuses an update with nothing in it', () => {
    const result = endpointUpdateSchema.safeParse({ endpointId: 'webhook_1' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('Nothing changed, so there is nothing to save.')
    expect(endpointUpdateSchema.safeParse({ endpointId: 'webhook_1', events: [] }).success).toBe(
      true,
    )
  })
})
