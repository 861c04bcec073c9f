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

export const HEX_64 = /^[0-9a-f]{64}$/
export const cut = (value: string) =>
  value.length > SHOWN_HEX ? `${value.slice(0, SHOWN_HEX)}…` : value

export function formatProblem(given: string): string | null {
  if (HEX_64.test(given)) return null
  if (/^[0-9A-F]{64}$/i.test(given)) return 'is hex in capitals; it must be lowercase hex.'
  if (/^sha256=/i.test(given)) return 'starts with "sha256="; it must be the bare hex digest.'
  if (/^[A-Za-z0-9+/]{43}=$/.test(given))
    return 'looks like base64; it must be 64 lowercase hex characters.'
  return `is ${given.length} characters long; it must be 64 lowercase hex characters.`
}

export function skewFinding(skew: number, tolerance: number): string | null {
  if (Math.abs(skew) <= tolerance) return null
  return skew > 0
    ? `It arrived ${skew} s after its timestamp, more than the ${tolerance} s allowed: a stale retry, a replay, or the sender's clock is behind.`
    : `Its timestamp is ${-skew} s ahead of the arrival, more than the ${tolerance} s allowed: the sender's clock is ahead.`
}

export function mismatchFindings(candidates: DiagnosisCandidate[], verdict: string): string[] {
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

/** What a provider's diagnosis works from: one stored delivery and the secrets known now. */
export interface DiagnosisInput {
  verdict: string
  body: Uint8Array
  headers: Record<string, string>
  receivedAt: string
  secrets: DiagnosisSecret[]
}

/** A stored header by name, whatever its case; null when absent or blank. */
export function storedHeader(headers: Record<string, string>, name: string): string | null {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name)
  return found?.[1]?.trim() || null
}

export const arrivalSeconds = (input: DiagnosisInput) =>
  Math.floor(Date.parse(input.receivedAt) / 1000)

/** No signature header at all. */
export const unsignedDiagnosis = (name: string): SignatureDiagnosis => ({
  header: null,
  received: [],
  timestamp: null,
  candidates: [],
  findings: [
    `No ${name} header arrived: the sender did not sign it, or something on the way removed the header.`,
  ],
})

/** Each known secret's signature over the stored bytes, and whether it is one that arrived. */
export function candidatesFor(
  secrets: DiagnosisSecret[],
  sign: (secret: string) => string,
  arrived: (expected: string) => boolean,
): DiagnosisCandidate[] {
  return secrets.map(({ endpointId, secret }) => {
    const expected = sign(secret)
    return {
      endpointId,
      secretEnd: secretEnd(secret),
      expected: cut(expected),
      matches: arrived(expected),
    }
  })
}
