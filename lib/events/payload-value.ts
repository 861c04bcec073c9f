import type { EventDetail } from './types'

/**
 * The parsed payload the detail page shows, or undefined when the body is not JSON. It is read
 * from the body's own text, so the tree follows the sender's key order (jsonb stores keys sorted
 * by length); a Kayle body is a JWE, so its decrypted payload is the stored one.
 */
export function payloadValue(event: Pick<EventDetail, 'parseStatus' | 'bodyText' | 'payload'>): unknown {
  if (event.parseStatus !== 'ok') return undefined
  try {
    return event.bodyText === null ? event.payload : (JSON.parse(event.bodyText) as unknown)
  } catch {
    return event.payload
  }
}
