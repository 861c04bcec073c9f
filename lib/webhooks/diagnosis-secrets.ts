import 'server-only'
import type { Db } from '../db/client'
import { providerDefinition } from '../providers/registry'
import type { DiagnosisSecret } from './diagnosis-kit'

const LOOKUP_TIMEOUT_MS = 3_000

/**
 * The secrets a delivery's receiver would try now, from its provider's definition (KonPro's through
 * its API, the sandboxes' and Kayle's from this console's own tables). A failed lookup is said,
 * not thrown: the page still shows.
 */
export async function diagnosisSecrets(
  db: Db,
  provider: string,
): Promise<{ secrets: DiagnosisSecret[]; problem: string | null }> {
  try {
    const secrets: DiagnosisSecret[] = await Promise.race([
      providerDefinition(provider).secrets(db),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), LOOKUP_TIMEOUT_MS).unref(),
      ),
    ])
    return { secrets, problem: null }
  } catch {
    return {
      secrets: [],
      problem:
        'The endpoint secrets could not be read from KonPro just now, so nothing was compared. Reload to try again; Settings → Test connection says what is wrong.',
    }
  }
}
