// Public receiver for Kayle's encrypted webhooks: OPTIONS answered at once, POST for deliveries.
import { receiveKayleDelivery } from '@/lib/kayle/receive'
import { privateKeys, signingSecrets } from '@/lib/kayle/vault'
import { RECEIVER_HEADERS } from '@/lib/webhooks/headers'
import { receiverDeps } from '@/lib/webhooks/receiver-deps'
import { createSecretCache } from '@/lib/webhooks/receiver-secrets'

export const dynamic = 'force-dynamic'

const deps = receiverDeps('kayle', (db) => ({
  secrets: createSecretCache(() => signingSecrets(db)),
  keys: createSecretCache(() => privateKeys(db)),
}))

/** A reachability check must not wait on the database. */
export function OPTIONS() {
  return new Response(null, { status: 200, headers: { ...RECEIVER_HEADERS, allow: 'OPTIONS, POST' } })
}

export async function POST(req: Request) {
  return receiveKayleDelivery(req, await deps())
}
