import 'server-only'
import { createHmac } from 'node:crypto'
import type { Db } from '../../db/client'
import { sandboxDeliveries } from '../../db/schema'
import { sendOutbound } from '../../net/outbound'
import { samplePayload } from './payloads'
import { subscribersOf } from './store'

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
 * Sends one sample event to every enabled endpoint subscribed to its type, signed as KonPro
 * signs (`Signature`: hex HMAC-SHA256 of the raw body with the endpoint's secret).
 */
export async function sendTestEvent(
  db: Db,
  eventType: string,
  timeoutMs = 10_000,
): Promise<DeliveryResult[]> {
  const targets = await subscribersOf(db, eventType)
  const results = await Promise.all(
    targets.map(async (endpoint): Promise<DeliveryResult> => {
      const body = JSON.stringify(samplePayload(eventType))
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
      const statusCode = result.ok ? result.status : null
      const error = result.ok ? null : result.message
      return {
        endpointId: endpoint.endpointId,
        url: endpoint.url,
        statusCode,
        error,
        durationMs: Math.round(performance.now() - started),
      }
    }),
  )
  if (results.length)
    await db.insert(sandboxDeliveries).values(results.map((r) => ({ ...r, eventType })))
  return results
}
