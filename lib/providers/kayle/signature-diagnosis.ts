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
import { KAYLE_TOLERANCE_SECONDS, kayleHmac, parseKayleHeader } from './signature'

/** Why a stored Kayle delivery did not verify: X-Kayle-Signature's t and each v1 against each secret. */
export function diagnoseKayleSignature(input: DiagnosisInput): SignatureDiagnosis {
  const value = storedHeader(input.headers, 'x-kayle-signature')
  if (!value) return unsignedDiagnosis('X-Kayle-Signature')
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
  const skew = arrivalSeconds(input) - parsed.t
  const formats = parsed.v1.map(formatProblem).filter((p): p is string => p !== null)
  return {
    header: 'X-Kayle-Signature',
    received: parsed.v1.map(cut),
    timestamp: { seconds: parsed.t, skewSeconds: skew, toleranceSeconds: KAYLE_TOLERANCE_SECONDS },
    candidates,
    findings: [
      ...(formats.length === parsed.v1.length ? [`v1 ${formats[0]}`] : []),
      ...[skewFinding(skew, KAYLE_TOLERANCE_SECONDS)].filter((f): f is string => f !== null),
      ...mismatchFindings(candidates, input.verdict),
    ],
  }
}
