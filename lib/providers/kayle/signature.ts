import 'server-only'
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Verification } from '../registry'

/** How far `t` may be from this server's clock, either way, before a signature is refused. */
export const KAYLE_TOLERANCE_SECONDS = 5 * 60

export const SIGNATURE_HEADER = 'x-kayle-signature'

export interface KayleSigningSecret {
  endpointId: string
  secret: string
}

const HEX_64 = /^[0-9a-f]{64}$/

export function kayleHmac(secret: string, t: number | string, body: Uint8Array | string): Buffer {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest()
}

/** The `X-Kayle-Signature` value for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signKayle(body: Uint8Array | string, secret: string, t: number): string {
  return `t=${t},v1=${kayleHmac(secret, t, body).toString('hex')}`
}

/** `t` and every `v1` of a header; null when it does not have that shape. */
export function parseKayleHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null
  const v1: string[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 1) return null
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || t !== null) return null
      t = Number(value)
    } else if (key === 'v1') {
      v1.push(value)
    }
    // Other schemes (a future v2) are ignored, so a header carrying both still verifies.
  }
  return t === null || v1.length === 0 ? null : { t, v1 }
}

/**
 * Checks `X-Kayle-Signature` over the raw (still encrypted) body bytes against every known
 * endpoint secret. Lowercase hex only, as Kayle sends; each candidate is compared in constant
 * time. Several `v1=` values are allowed so Kayle can sign with old and new secrets at once.
 */
export function verifyKayleSignature(input: {
  body: Uint8Array | string
  header: string | null | undefined
  secrets: KayleSigningSecret[]
  nowSeconds?: number
}): Verification {
  const header = input.header?.trim()
  if (!header)
    return { verdict: 'unsigned', endpointId: null, reason: 'No X-Kayle-Signature header.' }
  const parsed = parseKayleHeader(header)
  if (!parsed)
    return {
      verdict: 'invalid',
      endpointId: null,
      reason: 'X-Kayle-Signature is not of the form t=<seconds>,v1=<hex>.',
    }
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000)
  const skew = now - parsed.t
  if (skew > KAYLE_TOLERANCE_SECONDS) {
    return {
      verdict: 'invalid',
      endpointId: null,
      reason: `X-Kayle-Signature t is ${skew} seconds old (more than five minutes): a stale or replayed delivery.`,
    }
  }
  if (-skew > KAYLE_TOLERANCE_SECONDS) {
    return {
      verdict: 'invalid',
      endpointId: null,
      reason: `X-Kayle-Signature t is ${-skew} seconds in the future (more than five minutes).`,
    }
  }
  if (input.secrets.length === 0) {
    return {
      verdict: 'no_secret',
      endpointId: null,
      reason: 'Signed, but no Kayle endpoint has a signing secret stored in this console.',
    }
  }
  const given = parsed.v1.filter((v) => HEX_64.test(v)).map((v) => Buffer.from(v, 'hex'))
  for (const { endpointId, secret } of input.secrets) {
    const expected = kayleHmac(secret, parsed.t, input.body)
    // Every candidate is compared, so timing does not reveal which one matched.
    let matched = false
    for (const candidate of given) matched = timingSafeEqual(expected, candidate) || matched
    if (matched)
      return {
        verdict: 'verified',
        endpointId,
        reason: 'X-Kayle-Signature matches the endpoint’s signing secret.',
      }
  }
  return {
    verdict: 'invalid',
    endpointId: null,
    reason: given.length
      ? 'X-Kayle-Signature does not match any known signing secret.'
      : 'X-Kayle-Signature v1 is not 64 lowercase hex characters.',
  }
}
