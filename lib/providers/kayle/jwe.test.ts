import { beforeAll, describe, expect, it } from 'vitest'
import { decodeProtectedHeader } from 'jose'
import { rejectionOf } from '../../test/provider-tests'
import {
  decryptKayle,
  encryptForKayle,
  generateEncryptionKey,
  KayleDecryptError,
  type KayleKeyPair,
} from './jwe'

const event = {
  type: 'verification.session.succeeded',
  metadata: { contract_version: '2025-01-01', event_id: 'evt_1', verification_session_id: 'vs_1' },
  data: { status: 'verified' },
}

let one: KayleKeyPair
let two: KayleKeyPair
beforeAll(async () => {
  ;[one, two] = await Promise.all([generateEncryptionKey(), generateEncryptionKey()])
})

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, KayleDecryptError)

describe('Kayle JWE', () => {
  it('makes RSA-OAEP-256 key pairs whose public half has no private parts', () => {
    expect(one.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RSA-OAEP-256', use: 'enc', e: 'AQAB' })
    expect(one.publicJwk).not.toHaveProperty('d')
    expect(one.privateJwk).toHaveProperty('d')
    expect(Buffer.from(one.publicJwk.n!, 'base64url').length * 8).toBeGreaterThanOrEqual(2048)
  })

  it('round-trips a payload and reports the key used', async () => {
    const jwe = await encryptForKayle(event, one.publicJwk, 'key_one')
    expect(jwe.split('.')).toHaveLength(5)
    expect(decodeProtectedHeader(jwe)).toMatchObject({
      alg: 'RSA-OAEP-256',
      enc: 'A256GCM',
      kid: 'key_one',
    })
    expect(jwe).not.toContain('evt_1')
    const keys = [
      { keyId: 'key_two', privateJwk: two.privateJwk },
      { keyId: 'key_one', privateJwk: one.privateJwk },
    ]
    expect(await decryptKayle(jwe, keys)).toEqual({ payload: event, keyId: 'key_one' })
  })

  it('falls back to every key when the kid is unknown', async () => {
    const jwe = await encryptForKayle(event, one.publicJwk, 'renamed')
    expect(
      (await decryptKayle(jwe, [{ keyId: 'key_one', privateJwk: one.privateJwk }])).keyId,
    ).toBe('key_one')
  })

  it('refuses a tampered ciphertext', async () => {
    const jwe = await encryptForKayle(event, one.publicJwk, 'key_one')
    const parts = jwe.split('.')
    const ciphertext = Buffer.from(parts[3]!, 'base64url')
    ciphertext[0] = ciphertext[0]! ^ 1
    parts[3] = ciphertext.toString('base64url')
    const error = await rejection(
      decryptKayle(parts.join('.'), [{ keyId: 'key_one', privateJwk: one.privateJwk }]),
    )
    expect(error.message).toContain('altered')
  })

  it('refuses to decrypt with the wrong key', async () => {
    const jwe = await encryptForKayle(event, one.publicJwk, 'key_one')
    const error = await rejection(
      decryptKayle(jwe, [{ keyId: 'key_two', privateJwk: two.privateJwk }]),
    )
    expect(error.message).toMatch(/No stored private key decrypts the delivery \(kid key_one\)/)
  })

  it('explains bodies that are not JWEs, or when no key is stored', async () => {
    expect(
      (await rejection(decryptKayle('{"type":"x"}', [{ keyId: 'k', privateJwk: one.privateJwk }])))
        .message,
    ).toContain('not a compact JWE')
    const jwe = await encryptForKayle(event, one.publicJwk, 'key_one')
    expect((await rejection(decryptKayle(jwe, []))).message).toContain('No Kayle private keys')
  })

  it('will not encrypt with a private key by mistake', async () => {
    await expect(encryptForKayle(event, one.privateJwk, 'key_one')).rejects.toThrow(/public half/)
  })
})
