import { KAYLE_TOLERANCE_SECONDS, kayleHmac, parseKayleHeader } from '../providers/kayle/signature'
import { HEYGEN_TOLERANCE_SECONDS, hmacHex } from './verify'

// Why a stored delivery did not verify, worked out again from its stored bytes and headers with
// the secrets known now: what arrived against what each secret gives, and the clock skew of a
// timestamped scheme. Only the first 8 hex characters of an expected signature are shown: enough
// to tell one secret from another, never enough to sign a body someone else chose.

export const SHOWN_HEX = 8

export interface DiagnosisSecret {
  endpointId: string
  secret: string
}

export interface DiagnosisCandidate {
  endpointId: string
  /** The secret's last four characters, to tell which one this is. */
  secretEnd: string
  /** The first SHOWN_HEX hex characters of the signature this secret gives. */
  expected: string
  matches: boolean
}

export interface SignatureDiagnosis {
  /** The header that carried the signature, as the provider names it; null when none did. */
  header: string | null
  /** The signature values that arrived (each cut to SHOWN_HEX characters when longer). */
  received: string[]
  timestamp: { seconds: number; skewSeconds: number; toleranceSeconds: number } | null
  candidates: DiagnosisCandidate[]
  /** Plain sentences, most likely cause first. */
  findings: string[]
}

const HEX_64 = /^[0-9a-f]{64}$/
const cut = (value: string) => (value.length > SHOWN_HEX ? `${value.slice(0, SHOWN_HEX)}…` : value)

function formatProblem(given: string): string | null {
  if (HEX_64.test(given)) return null
  if (/^[0-9A-F]{64}$/i.test(given)) return 'is hex in capitals; it must be lowercase hex.'
  if (/^sha256=/i.test(given)) return 'starts with "sha256="; it must be the bare hex digest.'
  if (/^[A-Za-z0-9+/]{43}=$/.test(given))
    return 'looks like base64; it must be 64 lowercase hex characters.'
  return `is ${given.length} characters long; it must be 64 lowercase hex characters.`
}

function skewFinding(skew: number, tolerance: number): string | null {
  if (Math.abs(skew) <= tolerance) return null
  return skew > 0
    ? `It arrived ${skew} s after its timestamp, more than the ${tolerance} s allowed: a stale retry, a replay, or the sender's clock is behind.`
    : `Its timestamp is ${-skew} s ahead of the arrival, more than the ${tolerance} s allowed: the sender's clock is ahead.`
}

function mismatchFindings(candidates: DiagnosisCandidate[], verdict: string): string[] {
  if (candidates.length === 0)
    return [
      'No signing secret is known for this receiver, so nothing could be compared: create or register the endpoint in this console (for Kayle, store its signing secret).',
    ]
  const match = candidates.find((c) => c.matches)
  if (match)
    return verdict === 'verified'
      ? []
      : [
          `It verifies now with the secret of ${match.endpointId} (…${match.secretEnd}): that secret was not known to the receiver when it arrived (created or rotated since), or its timestamp was out of range.`,
        ]
  return [
    `None of the ${candidates.length} known secret${candidates.length === 1 ? '' : 's'} gives this signature over the stored bytes. Either the sender signs with another secret (rotated, another endpoint's, another environment's), or the body changed on the way: the HMAC covers the exact bytes, so re-encoded JSON, added whitespace or a charset conversion breaks it.`,
  ]
}

const secretEnd = (secret: string) => secret.slice(-4)

export function diagnoseSignature(input: {
  provider: string
  verdict: string
  body: Uint8Array
  headers: Record<string, string>
  receivedAt: string
  secrets: DiagnosisSecret[]
}): SignatureDiagnosis {
  const header = (name: string) => {
    const found = Object.entries(input.headers).find(([key]) => key.toLowerCase() === name)
    return found?.[1]?.trim() || null
  }
  const arrived = Math.floor(Date.parse(input.receivedAt) / 1000)
  const unsigned = (name: string): SignatureDiagnosis => ({
    header: null,
    received: [],
    timestamp: null,
    candidates: [],
    findings: [
      `No ${name} header arrived: the sender did not sign it, or something on the way removed the header.`,
    ],
  })

  if (input.provider === 'kayle') {
    const value = header('x-kayle-signature')
    if (!value) return unsigned('X-Kayle-Signature')
    const parsed = parseKayleHeader(value)
    if (!parsed)
      return {
        header: 'X-Kayle-Signature',
        received: [cut(value)],
        timestamp: null,
        candidates: [],
        findings: ['The header is not of the form t=<unix seconds>,v1=<hex>.'],
      }
    const candidates = input.secrets.map(({ endpointId, secret }) => {
      const expected = kayleHmac(secret, parsed.t, input.body).toString('hex')
      return {
        endpointId,
        secretEnd: secretEnd(secret),
        expected: cut(expected),
        matches: parsed.v1.includes(expected),
      }
    })
    const skew = arrived - parsed.t
    const formats = parsed.v1.map(formatProblem).filter((p): p is string => p !== null)
    return {
      header: 'X-Kayle-Signature',
      received: parsed.v1.map(cut),
      timestamp: {
        seconds: parsed.t,
        skewSeconds: skew,
        toleranceSeconds: KAYLE_TOLERANCE_SECONDS,
      },
      candidates,
      findings: [
        ...(formats.length === parsed.v1.length ? [`v1 ${formats[0]}`] : []),
        ...[skewFinding(skew, KAYLE_TOLERANCE_SECONDS)].filter((f): f is string => f !== null),
        ...mismatchFindings(candidates, input.verdict),
      ],
    }
  }

  const signature = header('signature')
  const heygen = header('heygen-signature')
  const given = signature ?? heygen
  if (!given) return unsigned('Signature (or Heygen-Signature)')
  const candidates = input.secrets.map(({ endpointId, secret }) => {
    const expected = hmacHex(secret, input.body)
    return {
      endpointId,
      secretEnd: secretEnd(secret),
      expected: cut(expected),
      matches: expected === given,
    }
  })
  let timestamp: SignatureDiagnosis['timestamp'] = null
  const findings: string[] = []
  const format = formatProblem(given)
  if (format) findings.push(`${signature ? 'Signature' : 'Heygen-Signature'} ${format}`)
  if (!signature) {
    const raw = Number(header('heygen-timestamp'))
    if (!Number.isFinite(raw) || raw <= 0)
      findings.push('Heygen-Timestamp is missing or not a number.')
    else {
      const seconds = raw > 1e12 ? Math.floor(raw / 1000) : raw
      timestamp = {
        seconds,
        skewSeconds: arrived - seconds,
        toleranceSeconds: HEYGEN_TOLERANCE_SECONDS,
      }
      const skew = skewFinding(arrived - seconds, HEYGEN_TOLERANCE_SECONDS)
      if (skew) findings.push(skew)
    }
  }
  findings.push(...mismatchFindings(candidates, input.verdict))
  return {
    header: signature ? 'Signature' : 'Heygen-Signature',
    received: [cut(given)],
    timestamp,
    candidates,
    findings,
  }
}
