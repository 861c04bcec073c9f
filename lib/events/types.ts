// Shapes of stored deliveries as the browser sees them (JSON-safe: dates as ISO strings).
import type { RecordedAnswer, StoredEvent } from '../db/schema'

export type Verdict = 'verified' | 'invalid' | 'unsigned' | 'no_secret'
export type ParseStatus =
  'ok' | 'invalid_json' | 'invalid_utf8' | 'empty' | 'undecryptable' | 'too_deep'

/** Stored columns the list never reads: rows stay small even for huge deliveries. */
export const UNLISTED_COLUMNS = ['headers', 'body', 'payload', 'dedupeKey', 'answer'] as const
/** A stored row as the list reads it: every column of `events` but the unlisted ones. */
export type ListedRow = Omit<StoredEvent, (typeof UNLISTED_COLUMNS)[number]>

/** One row of the live log. Also the `data:` of each SSE `delivery` message. */
export type EventSummary = Omit<ListedRow, 'receivedAt' | 'verdict' | 'parseStatus'> & {
  receivedAt: string
  verdict: Verdict
  parseStatus: ParseStatus
  /** Kayle's own ids (event, verification session, delivery); null for other providers. */
  kayle: KayleIds | null
}

export interface KayleIds {
  eventId: string | null
  sessionId: string | null
  deliveryId: string | null
}

/** Everything stored for one delivery, for the detail view. */
export interface EventDetail extends EventSummary {
  headers: Record<string, string>
  /** The raw body as UTF-8 text when it decodes, else null (see bodyBase64). */
  bodyText: string | null
  bodyBase64: string
  payload: unknown
  /** What a test answer rule answered instead of the normal answer; null when none did. */
  answer: RecordedAnswer | null
}

/**
 * Live stream contract (`GET /api/events/stream`, Server-Sent Events):
 *   id: <event id>\nevent: delivery\ndata: <EventSummary JSON>\n\n
 * The browser reconnects with `Last-Event-ID`; the server replays every row with a greater id.
 * Polling fallback: `GET /api/events?after=<id>` answers `{ events: EventSummary[] }`, oldest first.
 */
export const STREAM_EVENT = 'delivery'
