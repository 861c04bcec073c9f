import {
  arrivalSeconds,
  cut,
  formatProblem,
  mismatchFindings,
  secretEnd,
  skewFinding,
  storedHeader,
  unsignedDiagnosis,
  type DiagnosisInput,
  type SignatureDiagnosis,
} from '../../webhooks/diagnosis-kit'
import { HEYGEN_TOLERANCE_SECONDS, hmacHex } from '../../webhooks/verify'

/** Why a stored KonPro delivery did not verify: Signature (or Heygen-Signature) against each secret. */
export function diagnoseKonproSignature(input: DiagnosisInput): SignatureDiagnosis {
  const signature = storedHeader(input.headers, 'signature')
  const heygen = storedHeader(input.headers, 'heygen-signature')
  const given = signature ?? heygen
  if (!given) return unsignedDiagnosis('Signature (or Heygen-Signature)')
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
    const raw = Number(storedHeader(input.headers, 'heygen-timestamp'))
    if (!Number.isFinite(raw) || raw <= 0)
      findings.push('Heygen-Timestamp is missing or not a number.')
    else {
      const seconds = raw > 1e12 ? Math.floor(raw / 1000) : raw
      const skewSeconds = arrivalSeconds(input) - seconds
      timestamp = { seconds, skewSeconds, toleranceSeconds: HEYGEN_TOLERANCE_SECONDS }
      const skew = skewFinding(skewSeconds, HEYGEN_TOLERANCE_SECONDS)
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
