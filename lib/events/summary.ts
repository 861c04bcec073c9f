import type { StoredEvent } from '../db/schema'
import { kayleIdsOf } from '../kayle/delivery-ids'
import type { EventDetail, EventSummary, KayleIds, ParseStatus, Verdict } from './types'

/** A stored row as one line of the live log (JSON-safe). */
export function toSummary(
  row: Omit<StoredEvent, 'headers' | 'body' | 'payload' | 'dedupeKey' | 'answer'> & {
    kayleEventId?: string | null
    kayleSessionId?: string | null
    kayleDeliveryId?: string | null
  },
): EventSummary {
  const kayle: KayleIds | null =
    row.kayleEventId || row.kayleSessionId || row.kayleDeliveryId
      ? {
          eventId: row.kayleEventId ?? null,
          sessionId: row.kayleSessionId ?? null,
          deliveryId: row.kayleDeliveryId ?? null,
        }
      : null
  return {
    id: row.id,
    provider: row.provider,
    receivedAt: row.receivedAt.toISOString(),
    method: row.method,
    eventType: row.eventType,
    verdict: row.verdict as Verdict,
    rejected: row.rejected,
    responseStatus: row.responseStatus,
    parseStatus: row.parseStatus as ParseStatus,
    size: row.size,
    contentType: row.contentType,
    sourceIp: row.sourceIp,
    endpointId: row.endpointId,
    videoId: row.videoId,
    callbackId: row.callbackId,
    videoTranslateId: row.videoTranslateId,
    projectId: row.projectId,
    duplicateOf: row.duplicateOf,
    kayle,
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes the raw body as UTF-8, or null when the bytes are not valid UTF-8. */
export function bodyAsText(body: Uint8Array): string | null {
  try {
    return strictUtf8.decode(body)
  } catch {
    return null
  }
}

export function toDetail(row: StoredEvent): EventDetail {
  const body = Buffer.from(row.body)
  const ids = row.provider === 'kayle' ? kayleIdsOf(row.payload, row.headers) : null
  return {
    ...toSummary({
      ...row,
      kayleEventId: ids?.eventId,
      kayleSessionId: ids?.sessionId,
      kayleDeliveryId: ids?.deliveryId,
    }),
    headers: row.headers,
    bodyText: bodyAsText(body),
    bodyBase64: body.toString('base64'),
    payload: row.payload ?? null,
    answer: row.answer ?? null,
  }
}
