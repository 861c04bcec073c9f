import 'server-only'
import { createHmac } from 'node:crypto'
import type { Db } from '../../../db/client'
import { sandboxDeliveries, type SandboxEndpoint } from '../../../db/schema'
import { sendOutbound } from '../../../net/outbound'
import { samplePayload } from './payloads'
import { getSandboxEndpoint, subscribersOf } from './store'

export interface DeliveryResult {
  endpointId: string
  url: string
  statusCode: number | null
  error: string | null
  durationMs: number
}

export const signBody = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex')

/**
 * Sends one event, signed as KonPro signs (`Signature`: hex HMAC-SHA256 of the raw body with the
 * endpoint's secret): a sample payload to every enabled endpoint subscribed to its type, or, with
 * `endpointId`, to that one endpoint only, with `payload` (raw JSON text) instead of the sample.
 */
export async function sendTestEvent(
  db: Db,
  eventType: string,
  options: { endpointId?: string; payload?: string; timeoutMs?: number } = {},
): Promise<DeliveryResult[]> {
  const { endpointId, payload, timeoutMs = 10_000 } = options
  const targets = endpointId
    ? [await getSandboxEndpoint(db, endpointId)].filter(
        (e): e is SandboxEndpoint => e?.status === 'enabled',
      )
    : await subscribersOf(db, eventType)
  const results = await Promise.all(
    targets.map(async (endpoint): Promise<DeliveryResult> => {
      const body = payload ?? JSON.stringify(samplePayload(eventType))
      const started = performance.now()
      const result = await sendOutbound(db, endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'KonPro-Sandbox/1.0',
          signature: signBody(endpoint.secret, body),
        },
        body,
        timeoutMs,
      })
      return {
        endpointId: endpoint.endpointId,
        url: endpoint.url,
        statusCode: result.ok ? result.status : null,
        error: result.ok ? null : result.message,
        durationMs: Math.round(performance.now() - started),
      }
    }),
  )
  if (results.length)
    await db.insert(sandboxDeliveries).values(results.map((r) => ({ ...r, eventType })))
  return results
}
