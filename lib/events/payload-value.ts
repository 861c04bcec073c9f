import type { EventDetail } from './types'

/** The parsed payload the detail page shows (getEvent reads it), or undefined when the body is not JSON. */
export function payloadValue(event: Pick<EventDetail, 'parseStatus' | 'payload'>): unknown {
  return event.parseStatus === 'ok' && event.payload !== null ? event.payload : undefined
}
