import 'server-only'
import {
  CompactEncrypt,
  compactDecrypt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose'

// Kayle encrypts each delivery for the endpoint's active public key: a compact JWE with
// RSA-OAEP-256 key wrapping, A256GCM content encryption and the registered key id as `kid`.
export const KAYLE_JWE_ALG = 'RSA-OAEP-256'
export const KAYLE_JWE_ENC = 'A256GCM'
const MODULUS_BITS = 3072

export interface KayleKeyPair {
  publicJwk: JsonWebKey
  privateJwk: JsonWebKey
}

export interface KaylePrivateKey {
  keyId: string
  privateJwk: JsonWebKey
}

export class KayleDecryptError extends Error {
  override name = 'KayleDecryptError'
}

/** A fresh RSA key pair for one endpoint, both halves exported as JWKs. */
export async function generateEncryptionKey(): Promise<KayleKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(KAYLE_JWE_ALG, {
    modulusLength: MODULUS_BITS,
    extractable: true,
  })
  const tag = { alg: KAYLE_JWE_ALG, use: 'enc' }
  return {
    publicJwk: { ...(await exportJWK(publicKey)), ...tag } as JsonWebKey,
    privateJwk: { ...(await exportJWK(privateKey)), ...tag } as JsonWebKey,
  }
}

// Importing an RSA private key is slow next to one decryption; the receiver's key list is
// cached, so the same JWK objects come back and their imported keys can be reused.
const imported = new WeakMap<JsonWebKey, CryptoKey>()

async function importKey(jwk: JsonWebKey): Promise<CryptoKey> {
  const known = imported.get(jwk)
  if (known) return known
  const key = await importJWK(jwk as JWK, KAYLE_JWE_ALG)
  if (!(key instanceof CryptoKey)) throw new KayleDecryptError('The key is not an RSA key.')
  imported.set(jwk, key)
  return key
}

/** What Kayle does to a payload before delivering it; the sandbox uses it, and so do tests. */
export async function encryptForKayle(
  payload: unknown,
  publicJwk: JsonWebKey,
  kid: string,
): Promise<string> {
  if ('d' in publicJwk) throw new Error('encryptForKayle takes the public half of a key pair.')
  const key = await importJWK(publicJwk as JWK, KAYLE_JWE_ALG)
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: KAYLE_JWE_ALG, enc: KAYLE_JWE_ENC, kid, cty: 'application/json' })
    .encrypt(key)
}

/**
 * Decrypts a compact JWE to its plaintext bytes with the key named by `kid`, falling back to
 * every other key (a `kid` may be missing, or refer to a key registered under another name).
 */
export async function decryptKayleBytes(
  jwe: string,
  privateKeys: KaylePrivateKey[],
): Promise<{ plaintext: Uint8Array; keyId: string }> {
  let kid: unknown
  try {
    const header = decodeProtectedHeader(jwe.trim())
    if (header.alg !== KAYLE_JWE_ALG || header.enc !== KAYLE_JWE_ENC) {
      throw new KayleDecryptError(
        `Expected a ${KAYLE_JWE_ALG}/${KAYLE_JWE_ENC} JWE, got ${String(header.alg)}/${String(header.enc)}.`,
      )
    }
    kid = header.kid
  } catch (error) {
    if (error instanceof KayleDecryptError) throw error
    throw new KayleDecryptError('The body is not a compact JWE.')
  }
  if (privateKeys.length === 0)
    throw new KayleDecryptError(
      'No Kayle private keys are stored in this console, so the delivery cannot be decrypted.',
    )
  const ordered = [
    ...privateKeys.filter((k) => k.keyId === kid),
    ...privateKeys.filter((k) => k.keyId !== kid),
  ]
  for (const key of ordered) {
    try {
      const { plaintext } = await compactDecrypt(jwe.trim(), await importKey(key.privateJwk), {
        keyManagementAlgorithms: [KAYLE_JWE_ALG],
        contentEncryptionAlgorithms: [KAYLE_JWE_ENC],
      })
      return { plaintext, keyId: key.keyId }
    } catch {
      // Wrong key or tampered ciphertext: try the next key; the summary below says which.
    }
  }
  const named = typeof kid === 'string' && privateKeys.some((k) => k.keyId === kid)
  throw new KayleDecryptError(
    named
      ? `The delivery names key ${String(kid)} but does not decrypt with it: the ciphertext was altered or the key does not match.`
      : `No stored private key decrypts the delivery (kid ${typeof kid === 'string' ? kid : 'missing'}).`,
  )
}

/** Decrypts a delivery and parses its JSON payload; throws KayleDecryptError with a clear reason. */
export async function decryptKayle(
  jwe: string,
  privateKeys: KaylePrivateKey[],
): Promise<{ payload: unknown; keyId: string }> {
  const { plaintext, keyId } = await decryptKayleBytes(jwe, privateKeys)
  try {
    return {
      payload: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext)),
      keyId,
    }
  } catch {
    throw new KayleDecryptError(`The delivery decrypted with key ${keyId} but is not JSON.`)
  }
}
