import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifySignature } from './verify'

const secret = 'whsec_test_secret_value'
const secrets = [
  { endpointId: 'webhook_other', url: 'https://x/api/webhooks/konpro', secret: 'whsec_other' },
  { endpointId: 'webhook_1', url: 'https://x/api/webhooks/konpro', secret },
]
const body = Buffer.from(
  JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v1' } }),
)
const sign = (b: Uint8Array, key = secret) => createHmac('sha256', key).update(b).digest('hex')
const check = (
  headers: Record<string, string>,
  b: Uint8Array = body,
  list = secrets,
  nowSeconds?: number,
) => verifySignature({ body: b, headers: new Headers(headers), secrets: list, nowSeconds })

describe('Signature header', () => {
  it('verifies the raw body against the matching endpoint', () => {
    expect(check({ signature: sign(body) })).toMatchObject({
      verdict: 'verified',
      endpointId: 'webhook_1',
    })
  })

  it('rejects a body with one byte changed', () => {
    const tampered = Buffer.from(body)
    tampered[10] = tampered[10]! ^ 1
    expect(check({ signature: sign(body) }, tampered).verdict).toBe('invalid')
  })

  it('rejects the wrong secret', () => {
    expect(check({ signature: sign(body, 'whsec_wrong') }).verdict).toBe('invalid')
  })

  it('rejects uppercase hex, which KonPro never sends', () => {
    expect(check({ signature: sign(body).toUpperCase() }).verdict).toBe('invalid')
  })

  it('rejects truncated or non-hex signatures without throwing', () => {
    expect(check({ signature: sign(body).slice(0, 63) }).verdict).toBe('invalid')
    expect(check({ signature: 'zz'.repeat(32) }).verdict).toBe('invalid')
  })

  it('calls a delivery without any signature header unsigned', () => {
    expect(check({}).verdict).toBe('unsigned')
  })

  it('says no_secret when signed but no secret is known', () => {
    expect(check({ signature: sign(body) }, body, []).verdict).toBe('no_secret')
  })
})

describe('Heygen-Signature header', () => {
  const now = 1_800_000_000
  const heygenVerdict = (signature: string, timestamp: string) =>
    check({ 'heygen-signature': signature, 'heygen-timestamp': timestamp }, body, secrets, now)
      .verdict
  it('verifies with a fresh timestamp, in seconds or milliseconds', () => {
    expect(heygenVerdict(sign(body), String(now - 30))).toBe('verified')
    expect(heygenVerdict(sign(body), String((now + 60) * 1000))).toBe('verified')
  })

  it('rejects a timestamp more than five minutes off, or none', () => {
    expect(heygenVerdict(sign(body), String(now - 301))).toBe('invalid')
    expect(heygenVerdict(sign(body), String(now + 301))).toBe('invalid')
    expect(check({ 'heygen-signature': sign(body) }, body, secrets, now).verdict).toBe('invalid')
  })

  it('rejects a wrong signature even with a fresh timestamp', () => {
    expect(heygenVerdict(sign(body, 'nope'), String(now))).toBe('invalid')
  })
})
