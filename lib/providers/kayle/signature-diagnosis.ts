import * as kit from '../../webhooks/diagnosis-kit'
import { KAYLE_TOLERANCE_SECONDS, kayleHmac, parseKayleHeader } from './signature'

/** Why a stored Kayle delivery did not verify: X-Kayle-Signature's t and each v1 against each secret. */
export function diagnoseKayleSignature(input: kit.DiagnosisInput): kit.SignatureDiagnosis {
  const value = kit.storedHeader(input.headers, 'x-kayle-signature')
  if (!value) return kit.unsignedDiagnosis('X-Kayle-Signature')
  const parsed = parseKayleHeader(value)
  if (!parsed)
    return {
      header: 'X-Kayle-Signature',
      received: [kit.cut(value)],
      timestamp: null,
      candidates: [],
      findings: ['The header is not of the form t=<unix seconds>,v1=<hex>.'],
    }
  const candidates = kit.candidatesFor(
    input.secrets,
    (secret) => kayleHmac(secret, parsed.t, input.body).toString('hex'),
    (expected) => parsed.v1.includes(expected),
  )
  const skew = kit.arrivalSeconds(input) - parsed.t
  const formats = parsed.v1.map(kit.formatProblem).filter((p): p is string => p !== null)
  return {
    header: 'X-Kayle-Signature',
    received: parsed.v1.map(kit.cut),
    timestamp: { seconds: parsed.t, skewSeconds: skew, toleranceSeconds: KAYLE_TOLERANCE_SECONDS },
    candidates,
    findings: [
      ...(formats.length === parsed.v1.length ? [`v1 ${formats[0]}`] : []),
      ...[kit.skewFinding(skew, KAYLE_TOLERANCE_SECONDS)].filter((f): f is string => f !== null),
      ...kit.mismatchFindings(candidates, input.verdict),
    ],
  }
}
