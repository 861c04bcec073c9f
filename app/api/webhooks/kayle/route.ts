// Public receiver for Kayle's encrypted webhooks: OPTIONS answered at once, POST for deliveries.
import { getDb } from '@/lib/db'
import { env } from '@/lib/env'
import { receiveKayleDelivery, type KayleReceiverDeps } from '@/lib/kayle/receive'
import { privateKeys, signingSecrets } from '@/lib/kayle/vault'
import { RECEIVER_HEADERS } from '@/lib/webhooks/headers'
import { createRateLimiter } from '@/lib/webhooks/rate-limit'
import { createSecretCache } from '@/lib/webhooks/receiver-secrets'
import { createEventWriter } from '@/lib/webhooks/writer'

export const dynamic = 'force-dynamic'

const key = Symbol.for('konpro-console.kayle-receiver')
type G = typeof globalThis & { [key]?: Promise<KayleReceiverDeps> }

function deps(): Promise<KayleReceiverDeps> {
  const g = globalThis as G
  g[key] ??= getDb().then((db) => {
    const config = env()
    return {
      db,
      writer: createEventWriter(db),
      secrets: createSecretCache(() => signingSecrets(db)),
      keys: createSecretCache(() => privateKeys(db)),
      limiter: createRateLimiter(config.RECEIVER_RATE_LIMIT_PER_MINUTE),
      maxBodyBytes: config.RECEIVER_MAX_BODY_BYTES,
    }
  })
  return g[key]
}

/** A reachability check must not wait on the database. */
export function OPTIONS() {
  return new Response(null, { status: 200, headers: { ...RECEIVER_HEADERS, allow: 'OPTIONS, POST' } })
}

export async function POST(req: Request) {
  return receiveKayleDelivery(req, await deps())
}
