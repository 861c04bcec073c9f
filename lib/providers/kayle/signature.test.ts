import { describe, expect, it } from 'vitest'
import { signKayle, verifyKayleSignature } from './signature'

const now = 1_750_000_000
const body = new TextEncoder().encode('eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.a.b.c.d')
const secrets = [
  { endpointId: 'we_other', secret: 'whsec_other' },
  { endpointId: 'we_1', secret: 'whsec_right' },
]
const verify = (
  header: string | null,
  extra: { body?: Uint8Array | string; nowSeconds?: number; secrets?: typeof secrets } = {},
) =>
  verifyKayleSignature({
    body: extra.body ?? body,
    header,
    secrets: extra.secrets ?? secrets,
    nowSeconds: extra.nowSeconds ?? now,
  })

describe('Kayle signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in lowercase hex', () => {
    // Known answer: echo -n '1750000000.hello' | openssl dgst -sha256 -hmac secret
    expect(signKayle('hello', 'secret', now)).toBe(
      't=1750000000,v1=1196199ac34030d970db5fff0abcec6bb1ffb2148f6a903f4e41cc333e7de590',
    )
    expect(signKayle(new TextEncoder().encode('hello'), 'secret', now)).toBe(
      signKayle('hello', 'secret', now),
    )
  })

  it('verifies a good signature and names the endpoint', () => {
    expect(verify(signKayle(body, 'whsec_right', now))).toMatchObject({
      verdict: 'verified',
      endpointId: 'we_1',
    })
  })

  it('refuses the body with one byte changed', () => {
    const header = signKayle(body, 'whsec_right', now)
    const changed = Uint8Array.from(body)
    changed[5] = changed[5]! ^ 1
    expect(verify(header, { body: changed })).toMatchObject({
      verdict: 'invalid',
      endpointId: null,
    })
  })

  it('refuses a signature made with another secret', () => {
    expect(verify(signKayle(body, 'whsec_wrong', now)).verdict).toBe('invalid')
  })

  it('refuses uppercase hex', () => {
    const header = signKayle(body, 'whsec_right', now)
    const upper = header.replace(/v1=([0-9a-f]+)/, (_, hex: string) => `v1=${hex.toUpperCase()}`)
    expect(verify(upper)).toMatchObject({
      verdict: 'invalid',
      reason: expect.stringContaining('lowercase hex'),
    })
  })

  it('calls a missing or empty header unsigned', () => {
    expect(verify(null).verdict).toBe('unsigned')
    expect(verify('  ').verdict).toBe('unsigned')
  })

  it('refuses a t more than five minutes old or ahead, and accepts one just inside', () => {
    expect(verify(signKayle(body, 'whsec_right', now - 301))).toMatchObject({
      verdict: 'invalid',
      reason: expect.stringContaining('old'),
    })
    expect(verify(signKayle(body, 'whsec_right', now + 301))).toMatchObject({
      verdict: 'invalid',
      reason: expect.stringContaining('future'),
    })
    expect(verify(signKayle(body, 'whsec_right', now - 300)).verdict).toBe('verified')
    expect(verify(signKayle(body, 'whsec_right', now + 300)).verdict).toBe('verified')
  })

  it('refuses a signature moved to another t', () => {
    const v1 = signKayle(body, 'whsec_right', now).split(',v1=')[1]
    expect(verify(`t=${now - 1},v1=${v1}`).verdict).toBe('invalid')
  })

  it('accepts any of several v1 values and ignores other schemes', () => {
    const good = signKayle(body, 'whsec_right', now).split(',v1=')[1]
    const bad = signKayle(body, 'whsec_old', now).split(',v1=')[1]
    expect(verify(`t=${now},v1=${bad},v2=zzz,v1=${good}`)).toMatchObject({
      verdict: 'verified',
      endpointId: 'we_1',
    })
  })

  it.each([
    'v1=abc',
    `t=soon,v1=${'a'.repeat(64)}`,
    `t=${now}`,
    'garbage',
    `t=${now},t=${now},v1=${'a'.repeat(64)}`,
  ])('refuses the malformed header %s', (header) => {
    expect(verify(header).verdict).toBe('invalid')
  })

  it('reports no_secret when signed but nothing is known', () => {
    expect(verify(signKayle(body, 'whsec_right', now), { secrets: [] }).verdict).toBe('no_secret')
  })
})
