// Public receiver for KonPro's webhooks: OPTIONS for KonPro's check, POST for deliveries.
import { getDb } from '@/lib/db'
import { env } from '@/lib/env'
import { RECEIVER_HEADERS } from '@/lib/webhooks/headers'
import { createRateLimiter } from '@/lib/webhooks/rate-limit'
import { receiveDelivery, type ReceiverDeps } from '@/lib/webhooks/receive'
import { createSecretCache, konproReceiverSecrets } from '@/lib/webhooks/receiver-secrets'
import { createEventWriter } from '@/lib/webhooks/writer'

export const dynamic = 'force-dynamic'

const key = Symbol.for('konpro-console.receiver')
type G = typeof globalThis & { [key]?: Promise<ReceiverDeps> }

function deps(): Promise<ReceiverDeps> {
  const g = globalThis as G
  g[key] ??= getDb().then((db) => {
    const config = env()
    return {
      db,
      writer: createEventWriter(db),
      secrets: createSecretCache(konproReceiverSecrets),
      limiter: createRateLimiter(config.RECEIVER_RATE_LIMIT_PER_MINUTE),
      maxBodyBytes: config.RECEIVER_MAX_BODY_BYTES,
    }
  })
  return g[key]
}

/** KonPro validates a new endpoint with OPTIONS and a 1-second timeout: answer at once, no I/O. */
export function OPTIONS() {
  return new Response(null, { status: 200, headers: { ...RECEIVER_HEADERS, allow: 'OPTIONS, POST' } })
}

export async function POST(req: Request) {
  return receiveDelivery(req, await deps())
}
