import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signKayle } from '../providers/kayle/signature'
import { diagnoseSignature, SHOWN_HEX } from './signature-diagnosis'

const body = new TextEncoder().encode('{"event_type":"avatar_video.success"}')
const hex = (secret: string, bytes: Uint8Array | string = body) =>
  createHmac('sha256', secret).update(bytes).digest('hex')
const receivedAt = '2026-12-03T10:00:00.000Z'
const arrived = Date.parse(receivedAt) / 1000
const base = { provider: 'konpro', verdict: 'invalid', body, receivedAt }

describe('diagnoseSignature', () => {
  it('shows what arrived against what each known secret gives, only 8 hex characters of each', () => {
    const d = diagnoseSignature({
      ...base,
      headers: { signature: hex('other-secret') },
      secrets: [{ endpointId: 'ep_1', secret: 'whsec_abcd1234' }],
    })
    expect(d.header).toBe('Signature')
    expect(d.received).toEqual([`${hex('other-secret').slice(0, SHOWN_HEX)}…`])
    expect(d.candidates).toEqual([
      {
        endpointId: 'ep_1',
        secretEnd: '1234',
        expected: `${hex('whsec_abcd1234').slice(0, SHOWN_HEX)}…`,
        matches: false,
      },
    ])
    expect(JSON.stringify(d)).not.toContain(hex('whsec_abcd1234'))
    expect(d.findings.join(' ')).toMatch(/None of the 1 known secret gives this signature/)
  })

  it('says when it verifies now: the secret was not known when it arrived', () => {
    const d = diagnoseSignature({
      ...base,
      verdict: 'no_secret',
      headers: { Signature: hex('new-secret-9f2e') },
      secrets: [
        { endpointId: 'ep_old', secret: 'old-secret-0000' },
        { endpointId: 'ep_new', secret: 'new-secret-9f2e' },
      ],
    })
    expect(d.candidates.map((c) => c.matches)).toEqual([false, true])
    expect(d.findings[0]).toMatch(/verifies now with the secret of ep_new \(…9f2e\)/)
  })

  it('names a wrongly written signature: capitals, a sha256= prefix, base64', () => {
    const secrets = [{ endpointId: 'ep_1', secret: 's3cret' }]
    const first = (signature: string) =>
      diagnoseSignature({ ...base, headers: { signature }, secrets }).findings[0]
    expect(first(hex('s3cret').toUpperCase())).toMatch(/capitals; it must be lowercase hex/)
    expect(first(`sha256=${hex('s3cret')}`)).toMatch(/starts with "sha256="/)
    expect(first(Buffer.from(hex('s3cret'), 'hex').toString('base64'))).toMatch(/looks like base64/)
  })

  it('gives the skew of a Heygen-Timestamp against the arrival, in seconds or milliseconds', () => {
    const secrets = [{ endpointId: 'ep_1', secret: 's3cret' }]
    const late = diagnoseSignature({
      ...base,
      headers: { 'heygen-signature': hex('s3cret'), 'heygen-timestamp': String(arrived - 900) },
      secrets,
    })
    expect(late.timestamp).toEqual({
      seconds: arrived - 900,
      skewSeconds: 900,
      toleranceSeconds: 300,
    })
    expect(late.findings[0]).toMatch(
      /arrived 900 s after its timestamp, more than the 300 s allowed/,
    )
    const ms = diagnoseSignature({
      ...base,
      headers: {
        'heygen-signature': hex('s3cret'),
        'heygen-timestamp': String((arrived + 30) * 1000),
      },
      secrets,
    })
    expect(ms.timestamp?.skewSeconds).toBe(-30)
  })

  it("checks Kayle's t.body signature and its clock skew", () => {
    const secret = 'kayle-signing-7c1d'
    const t = arrived - 400
    const d = diagnoseSignature({
      ...base,
      provider: 'kayle',
      headers: { 'x-kayle-signature': signKayle(body, secret, t) },
      secrets: [{ endpointId: 'whe_1', secret }],
    })
    expect(d.header).toBe('X-Kayle-Signature')
    expect(d.timestamp).toEqual({ seconds: t, skewSeconds: 400, toleranceSeconds: 300 })
    expect(d.candidates[0]).toMatchObject({ endpointId: 'whe_1', secretEnd: '7c1d', matches: true })
    expect(d.findings[0]).toMatch(/arrived 400 s after its timestamp/)
  })

  it('says plainly when nothing was signed or no secret is known', () => {
    const none = diagnoseSignature({ ...base, verdict: 'unsigned', headers: {}, secrets: [] })
    expect(none.header).toBeNull()
    expect(none.findings[0]).toMatch(/No Signature \(or Heygen-Signature\) header arrived/)
    const noSecret = diagnoseSignature({ ...base, headers: { signature: hex('x') }, secrets: [] })
    expect(noSecret.findings.at(-1)).toMatch(/No signing secret is known for this receiver/)
  })
})
