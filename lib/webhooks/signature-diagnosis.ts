import 'server-only'
import { providerDefinition } from '../providers/registry'
import type { DiagnosisInput, SignatureDiagnosis } from './diagnosis-kit'

export { SHOWN_HEX, type DiagnosisSecret, type SignatureDiagnosis } from './diagnosis-kit'

/** Why a stored delivery did not verify, by its provider's own signing scheme. */
export function diagnoseSignature(
  input: DiagnosisInput & { provider: string },
): SignatureDiagnosis {
  return providerDefinition(input.provider).diagnose(input)
}
