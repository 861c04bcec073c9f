import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Verification } from '../providers/registry'
import type { HeaderReader } from './incoming'

/** A KonPro endpoint pointing at this receiver, with its signing secret. */
export interface EndpointSecret {
  endpointId: string
  url: string
  secret: string
}

export const HEYGEN_TOLERANCE_SECONDS = 5 * 60

const HEX_64 = /^[0-9a-f]{64}$/

function matches(expectedHex: string, given: string): boolean {
  // Lowercase hex only, as KonPro sends; anything else cannot match and is not compared.
  if (!HEX_64.test(given)) return false
  const a = Buffer.from(expectedHex, 'hex')
  const b = Buffer.from(given, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}

export const hmacHex = (secret: string, body: Uint8Array) =>
  createHmac('sha256', secret).update(body).digest('hex')

/**
 * Checks a delivery's signature over the raw body bytes, never a re-serialised copy:
 * `Signature` (hex HMAC-SHA256 of the body with the endpoint secret), or HeyGen-style
 * `Heygen-Signature` with a `Heygen-Timestamp` no more than five minutes off.
 */
export function verifySignature(input: {
  body: Uint8Array
  headers: Pick<HeaderReader, 'get'>
  secrets: EndpointSecret[]
  nowSeconds?: number
}): Verification {
  const { body, headers, secrets } = input
  const signature = headers.get('signature')?.trim()
  const heygen = headers.get('heygen-signature')?.trim()
  if (!signature && !heygen)
    return {
      verdict: 'unsigned',
      endpointId: null,
      reason: 'No Signature or Heygen-Signature header.',
    }
  if (secrets.length === 0) {
    return {
      verdict: 'no_secret',
      endpointId: null,
      reason: 'Signed, but no endpoint pointing at this receiver has a known secret.',
    }
  }
  if (signature) {
    const match = secrets.find((s) => matches(hmacHex(s.secret, body), signature))
    return match
      ? {
          verdict: 'verified',
          endpointId: match.endpointId,
          reason: 'Signature matches the endpoint’s secret.',
        }
      : {
          verdict: 'invalid',
          endpointId: null,
          reason: 'Signature does not match any known endpoint secret.',
        }
  }
  const timestamp = Number(headers.get('heygen-timestamp'))
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000)
  // Seconds or milliseconds: accept either, judged against the same five minutes.
  const seconds = timestamp > 1e12 ? Math.floor(timestamp / 1000) : timestamp
  if (
    !Number.isFinite(seconds) ||
    seconds <= 0 ||
    Math.abs(now - seconds) > HEYGEN_TOLERANCE_SECONDS
  ) {
    return {
      verdict: 'invalid',
      endpointId: null,
      reason: 'Heygen-Timestamp is missing or more than five minutes off.',
    }
  }
  const match = secrets.find((s) => matches(hmacHex(s.secret, body), heygen!))
  return match
    ? {
        verdict: 'verified',
        endpointId: match.endpointId,
        reason: 'Heygen-Signature matches the endpoint’s secret.',
      }
    : {
        verdict: 'invalid',
        endpointId: null,
        reason: 'Heygen-Signature does not match any known endpoint secret.',
      }
}
