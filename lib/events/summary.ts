import { getTableColumns } from 'drizzle-orm'
import { events, type StoredEvent } from '../db/schema'
import { kayleIdsOf } from '../providers/kayle/delivery-ids'
import {
  UNLISTED_COLUMNS,
  type EventDetail,
  type EventSummary,
  type KayleIds,
  type ListedRow,
  type ParseStatus,
  type Verdict,
} from './types'

const unlisted: readonly string[] = UNLISTED_COLUMNS

/** The columns of `events` the list selects, named as in the schema. */
export const listedColumns = Object.fromEntries(
  Object.entries(getTableColumns(events)).filter(([key]) => !unlisted.includes(key)),
) as Omit<typeof events._.columns, (typeof UNLISTED_COLUMNS)[number]>
const listedKeys = Object.keys(listedColumns) as (keyof ListedRow)[]

/** A stored row as one line of the live log (JSON-safe). */
export function toSummary(
  row: ListedRow & {
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
  const listed = Object.fromEntries(listedKeys.map((key) => [key, row[key]])) as ListedRow
  return {
    ...listed,
    receivedAt: row.receivedAt.toISOString(),
    verdict: row.verdict as Verdict,
    parseStatus: row.parseStatus as ParseStatus,
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
