import * as kit from '../../webhooks/diagnosis-kit'
import { HEYGEN_TOLERANCE_SECONDS, hmacHex } from '../../webhooks/verify'

/** Why a stored KonPro delivery did not verify: Signature (or Heygen-Signature) against each secret. */
export function diagnoseKonproSignature(input: kit.DiagnosisInput): kit.SignatureDiagnosis {
  const signature = kit.storedHeader(input.headers, 'signature')
  const heygen = kit.storedHeader(input.headers, 'heygen-signature')
  const given = signature ?? heygen
  if (!given) return kit.unsignedDiagnosis('Signature (or Heygen-Signature)')
  const candidates = kit.candidatesFor(
    input.secrets,
    (secret) => hmacHex(secret, input.body),
    (expected) => expected === given,
  )
  let timestamp: kit.SignatureDiagnosis['timestamp'] = null
  const findings: string[] = []
  const format = kit.formatProblem(given)
  if (format) findings.push(`${signature ? 'Signature' : 'Heygen-Signature'} ${format}`)
  if (!signature) {
    const raw = Number(kit.storedHeader(input.headers, 'heygen-timestamp'))
    if (!Number.isFinite(raw) || raw <= 0)
      findings.push('Heygen-Timestamp is missing or not a number.')
    else {
      const seconds = raw > 1e12 ? Math.floor(raw / 1000) : raw
      const skewSeconds = kit.arrivalSeconds(input) - seconds
      timestamp = { seconds, skewSeconds, toleranceSeconds: HEYGEN_TOLERANCE_SECONDS }
      const skew = kit.skewFinding(skewSeconds, HEYGEN_TOLERANCE_SECONDS)
      if (skew) findings.push(skew)
    }
  }
  findings.push(...kit.mismatchFindings(candidates, input.verdict))
  return {
    header: signature ? 'Signature' : 'Heygen-Signature',
    received: [kit.cut(given)],
    timestamp,
    candidates,
    findings,
  }
}
