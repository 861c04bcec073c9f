import 'server-only'
import type { Db } from '../db/client'
import { signingSecrets } from '../kayle/vault'
import { konproReceiverSecrets } from './receiver-secrets'
import type { DiagnosisSecret } from './signature-diagnosis'

const LOOKUP_TIMEOUT_MS = 3_000

/**
 * The secrets a delivery's receiver would try now: KonPro's through its API (sandbox or real),
 * Kayle's from this console's own store. A failed lookup is said, not thrown: the page still shows.
 */
export async function diagnosisSecrets(
  db: Db,
  provider: string,
): Promise<{ secrets: DiagnosisSecret[]; problem: string | null }> {
  try {
    if (provider === 'kayle') return { secrets: await signingSecrets(db), problem: null }
    const secrets = await Promise.race([
      konproReceiverSecrets(),
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
