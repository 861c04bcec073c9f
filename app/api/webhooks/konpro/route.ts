// Public receiver for KonPro's webhooks: OPTIONS for KonPro's check, POST for deliveries.
import { RECEIVER_HEADERS } from '@/lib/webhooks/headers'
import { receiveDelivery } from '@/lib/webhooks/receive'
import { receiverDeps } from '@/lib/webhooks/receiver-deps'
import { createSecretCache, konproReceiverSecrets } from '@/lib/webhooks/receiver-secrets'

export const dynamic = 'force-dynamic'

const deps = receiverDeps('konpro', () => ({ secrets: createSecretCache(konproReceiverSecrets) }))

/** KonPro validates a new endpoint with OPTIONS and a 1-second timeout: answer at once, no I/O. */
export function OPTIONS() {
  return new Response(null, { status: 200, headers: { ...RECEIVER_HEADERS, allow: 'OPTIONS, POST' } })
}

export async function POST(req: Request) {
  return receiveDelivery(req, await deps())
}
