import 'server-only'
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { authSecret } from '../auth/secret'

/**
 * Secrets kept at rest (the stored API key, provider signing secrets, private keys) are sealed with
 * AES-256-GCM under a key derived from AUTH_SECRET. `purpose` is bound in as associated data, so a
 * sealed value cannot be moved into another slot and still open.
 */
const VERSION = 'v1'

function keyFor(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'konpro-console', 'seal:aes-256-gcm', 32))
}

export function seal(plaintext: string, purpose: string, secret = authSecret()): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv)
  cipher.setAAD(Buffer.from(purpose))
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ])
  return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`
}

/** Opens a sealed value; throws when it was tampered with, sealed for another purpose or under another secret. */
export function unseal(sealed: string, purpose: string, secret = authSecret()): string {
  const [version, iv, body] = sealed.split('.')
  if (version !== VERSION || !iv || !body) throw new Error('Not a sealed value.')
  const bytes = Buffer.from(body, 'base64url')
  if (bytes.length < 16) throw new Error('Not a sealed value.')
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(purpose))
  decipher.setAuthTag(bytes.subarray(bytes.length - 16))
  return Buffer.concat([
    decipher.update(bytes.subarray(0, bytes.length - 16)),
    decipher.final(),
  ]).toString('utf8')
}
