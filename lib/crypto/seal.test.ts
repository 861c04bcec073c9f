import { describe, expect, it } from 'vitest'
import { seal, unseal } from './seal'

const secret = 'a'.repeat(43)

describe('seal', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = seal('kp_live_1234567890', 'konpro-api-key', secret)
    expect(sealed).not.toContain('kp_live_1234567890')
    expect(unseal(sealed, 'konpro-api-key', secret)).toBe('kp_live_1234567890')
  })

  it('uses a fresh IV each time', () => {
    expect(seal('same', 'p', secret)).not.toBe(seal('same', 'p', secret))
  })

  it('refuses another purpose, another secret and a flipped byte', () => {
    const sealed = seal('value', 'konpro-api-key', secret)
    expect(() => unseal(sealed, 'kayle-secret', secret)).toThrow()
    expect(() => unseal(sealed, 'konpro-api-key', 'b'.repeat(43))).toThrow()
    const [v, iv, body] = sealed.split('.')
    const bytes = Buffer.from(body!, 'base64url')
    bytes[0] = bytes[0]! ^ 1
    expect(() =>
      unseal(`${v}.${iv}.${bytes.toString('base64url')}`, 'konpro-api-key', secret),
    ).toThrow()
    expect(() => unseal('garbage', 'konpro-api-key', secret)).toThrow()
  })
})
